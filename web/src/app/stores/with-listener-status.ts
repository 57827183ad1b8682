import { computed } from '@angular/core';
import { signalStoreFeature, withComputed, withState } from '@ngrx/signals';
import { errorMessage } from '../firebase/error-message';

/** What one of a store's listeners last did. */
export interface ListenerState {
  readonly name: string;
  /** `awaited` until its first snapshot since it (re)started; `failed` once it errored (denied, say). */
  readonly status: 'awaited' | 'live' | 'failed';
  /** Its last snapshot came from the local cache, not the backend. */
  readonly fromCache: boolean;
  /** Why it failed, in words a person can read. */
  readonly error: string | null;
}

export type ListenerStatusState = {
  /** One entry per listener the store runs now (a store runs at most a handful, each named in its code). */
  listeners: readonly ListenerState[];
};

/**
 * What a page shows about its store's listeners: loading until each has delivered once (so it never
 * shows zeros or "none" for data that has not come yet), whether the data came from the local cache,
 * and a failed listener's reason (shown, not only logged). Set with the updaters below, composed into
 * the store's own patchState calls (withListeners does it for every listener it runs).
 */
export function withListenerStatus() {
  return signalStoreFeature(
    withState<ListenerStatusState>({ listeners: [] }),
    withComputed(({ listeners }) => {
      const listenerError = computed(() => listeners().find((listener) => listener.status === 'failed')?.error ?? null);
      return {
        listenerError,
        /** Some listener has not delivered yet, and none failed (a page with a failed listener says why, not "loading"). */
        loading: computed(() => listenerError() === null && listeners().some((listener) => listener.status === 'awaited')),
        fromCache: computed(() => listeners().some((listener) => listener.status === 'live' && listener.fromCache)),
        /** Every listener the store runs has delivered, and it runs at least one (a page can say "none" with confidence). */
        loaded: computed(() => listeners().length > 0 && listeners().every((listener) => listener.status === 'live')),
      };
    }),
  );
}

type ListenerUpdate = (state: ListenerStatusState) => ListenerStatusState;

function withListener(name: string, listener: ListenerState | null): ListenerUpdate {
  return ({ listeners }) => ({
    listeners: [...listeners.filter((other) => other.name !== name), ...(listener === null ? [] : [listener])],
  });
}

/** The named listener (re)started: it is awaited, and its earlier failure is forgotten. */
export function listenerAwaited(name: string): ListenerUpdate {
  return withListener(name, { name, status: 'awaited', fromCache: false, error: null });
}

/** The named listener stopped with nothing to listen to (no tenant selected, say): nothing is awaited of it. */
export function listenerStopped(name: string): ListenerUpdate {
  return withListener(name, null);
}

/** The named listener delivered a snapshot. */
export function listenerDelivered(name: string, fromCache: boolean): ListenerUpdate {
  return withListener(name, { name, status: 'live', fromCache, error: null });
}

/** The named listener failed: its snapshots will not come, and the reason is kept for the page. */
export function listenerFailed(name: string, error: unknown): ListenerUpdate {
  return withListener(name, { name, status: 'failed', fromCache: false, error: errorMessage(error) });
}
