import { computed, DOCUMENT, inject, linkedSignal } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { filter, fromEvent, map, merge, pairwise, pipe, tap } from 'rxjs';
import { deriveConnectionStatus, type ConnectionStatus, type ListenerSync } from './connection-status';

/** Where the moment the screen was last live is kept, so an offline reload can say how old its data is. */
const LIVE_UNTIL_KEY = 'pulseboard.liveUntil';

type ConnectionState = {
  online: boolean;
  listeners: Record<string, ListenerSync>;
  /** The last moment (epoch ms) every listener was served by the backend; null when never seen. */
  liveUntil: number | null;
  /** False once sign-out forgot the moment: the page is leaving, and must not store it again. */
  keepsLiveUntil: boolean;
};

const initialState: ConnectionState = { online: true, listeners: {}, liveUntil: null, keepsLiveUntil: true };

/** Whether what the screen shows is live, from the browser's online state and every listener's metadata. */
export const ConnectionStore = signalStore(
  { providedIn: 'root' },
  withState(initialState),
  withComputed(({ online, listeners, liveUntil }) => {
    // A linked signal, for the rule needs what the status was while listeners await their first answer.
    const status = linkedSignal<{ online: boolean; listeners: readonly ListenerSync[] }, ConnectionStatus>({
      source: () => ({ online: online(), listeners: Object.values(listeners()) }),
      computation: (now, was) => deriveConnectionStatus(now.online, now.listeners, was?.value),
    }).asReadonly();
    return {
      status,
      hasPendingWrites: computed(() => Object.values(listeners()).some((listener) => listener.hasPendingWrites)),
      /** How current the data on screen is: null while live, else the last moment it was. */
      dataAsOf: computed(() => (status() === 'live' ? null : liveUntil())),
    };
  }),
  withMethods((store, storage = inject(DOCUMENT).defaultView?.localStorage) => {
    function rememberLiveUntil(at: number): void {
      if (!store.keepsLiveUntil()) return;
      patchState(store, { liveUntil: at });
      storage?.setItem(LIVE_UNTIL_KEY, String(at));
    }
    return {
      reportListener(listenerId: string, sync: ListenerSync): void {
        patchState(store, (state) => ({ listeners: { ...state.listeners, [listenerId]: sync } }));
      },
      forgetListener(listenerId: string): void {
        patchState(store, (state) => {
          const { [listenerId]: _forgotten, ...listeners } = state.listeners;
          return { listeners };
        });
      },
      /** Forgets the kept moment for good (sign-out): it says when this device last saw the tenant's data. */
      forgetLiveUntil(): void {
        patchState(store, { liveUntil: null, keepsLiveUntil: false });
        storage?.removeItem(LIVE_UNTIL_KEY);
      },
      _recallLiveUntil(): void {
        const kept = Number(storage?.getItem(LIVE_UNTIL_KEY) ?? Number.NaN);
        if (Number.isSafeInteger(kept) && kept > 0) patchState(store, { liveUntil: kept });
      },
      _followBrowser: rxMethod<boolean>(tap((online) => patchState(store, { online }))),
      /** Stored when the screen stops being live, and when the page goes away while live. */
      _keepLiveUntil: rxMethod<ConnectionStatus>(
        pipe(
          pairwise(),
          filter(([before, after]) => before === 'live' && after !== 'live'),
          tap(() => rememberLiveUntil(Date.now())),
        ),
      ),
      _keepLiveOnLeaving: rxMethod<Event>(
        pipe(
          filter(() => store.status() === 'live'),
          tap(() => rememberLiveUntil(Date.now())),
        ),
      ),
    };
  }),
  withHooks({
    onInit(store, document = inject(DOCUMENT)) {
      store._recallLiveUntil();
      const window = document.defaultView;
      if (!window) return;
      patchState(store, { online: window.navigator.onLine });
      store._followBrowser(
        merge(fromEvent(window, 'online').pipe(map(() => true)), fromEvent(window, 'offline').pipe(map(() => false))),
      );
      store._keepLiveUntil(store.status);
      store._keepLiveOnLeaving(fromEvent(window, 'pagehide'));
    },
  }),
);
