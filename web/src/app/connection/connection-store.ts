import { computed, DOCUMENT, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { fromEvent, map, merge, tap } from 'rxjs';
import { deriveConnectionStatus, type ListenerSync } from './connection-status';

type ConnectionState = {
  online: boolean;
  listeners: Record<string, ListenerSync>;
};

const initialState: ConnectionState = { online: true, listeners: {} };

/** Whether what the screen shows is live, from the browser's online state and every listener's metadata. */
export const ConnectionStore = signalStore(
  { providedIn: 'root' },
  withState(initialState),
  withComputed(({ online, listeners }) => ({
    status: computed(() => deriveConnectionStatus(online(), Object.values(listeners()))),
    hasPendingWrites: computed(() => Object.values(listeners()).some((listener) => listener.hasPendingWrites)),
  })),
  withMethods((store) => ({
    reportListener(listenerId: string, sync: ListenerSync): void {
      const { fromCache, hasPendingWrites } = sync;
      patchState(store, (state) => ({ listeners: { ...state.listeners, [listenerId]: { fromCache, hasPendingWrites } } }));
    },
    forgetListener(listenerId: string): void {
      patchState(store, (state) => {
        const { [listenerId]: _forgotten, ...listeners } = state.listeners;
        return { listeners };
      });
    },
    _followBrowser: rxMethod<boolean>(tap((online) => patchState(store, { online }))),
  })),
  withHooks({
    onInit(store, document = inject(DOCUMENT)) {
      const window = document.defaultView;
      if (!window) return;
      patchState(store, { online: window.navigator.onLine });
      store._followBrowser(
        merge(fromEvent(window, 'online').pipe(map(() => true)), fromEvent(window, 'offline').pipe(map(() => false))),
      );
    },
  }),
);
