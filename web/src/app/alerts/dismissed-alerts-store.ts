import { computed, DOCUMENT, inject } from '@angular/core';
import { patchState, signalStore, withHooks, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { tap } from 'rxjs';
import { SessionStore } from '../session/session-store';

/** Dismissals kept per user, newest first: old ones go, so the stored list stays small. */
export const DISMISSALS_KEPT = 200;

const storageKey = (uid: string): string => `pulseboard.dismissedAlerts.${uid}`;

/** A stored list as far as it is one: anything else (edited by hand, older format) reads as empty. */
function storedIds(raw: string | null | undefined): readonly string[] {
  try {
    const parsed: unknown = JSON.parse(raw ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string').slice(0, DISMISSALS_KEPT) : [];
  } catch {
    return [];
  }
}

type DismissedAlertsState = { uid: string | null; ids: readonly string[] };

const initialState: DismissedAlertsState = { uid: null, ids: [] };

/** The alerts the signed-in user dismissed from the banner, kept across reloads in this browser. */
export const DismissedAlertsStore = signalStore(
  { providedIn: 'root' },
  withState(initialState),
  withMethods((store, storage = inject(DOCUMENT).defaultView?.localStorage) => ({
    dismiss(alertId: string): void {
      const uid = store.uid();
      if (uid === null) return;
      const ids = [alertId, ...store.ids().filter((id) => id !== alertId)].slice(0, DISMISSALS_KEPT);
      patchState(store, { ids });
      storage?.setItem(storageKey(uid), JSON.stringify(ids));
    },
    _loadFor: rxMethod<string | null>(
      tap((uid) => patchState(store, { uid, ids: uid === null ? [] : storedIds(storage?.getItem(storageKey(uid))) })),
    ),
  })),
  withHooks({
    onInit(store, session = inject(SessionStore)) {
      store._loadFor(computed(() => session.user()?.uid ?? null));
    },
  }),
);
