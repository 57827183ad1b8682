import { computed } from '@angular/core';
import { signalStoreFeature, withComputed, withState } from '@ngrx/signals';
import { errorMessage } from './error-message';

type ListenerStatusState = {
  /** The listeners that have not delivered their first snapshot since the store started listening. */
  awaitedListeners: readonly string[];
  /** Why a listener failed (denied, say), in words a person can read; null while none has. */
  listenerError: string | null;
};

/**
 * What a page shows about its listeners: loading until each has delivered once (so it never shows
 * zeros or "none" for data that has not come yet), and a failed listener's reason (not only logged).
 * Set with the updaters below, composed into the store's own patchState calls.
 */
export function withListenerStatus() {
  return signalStoreFeature(
    withState<ListenerStatusState>({ awaitedListeners: [], listenerError: null }),
    withComputed(({ awaitedListeners }) => ({ loading: computed(() => awaitedListeners().length > 0) })),
  );
}

/** Starts listening again: every named listener is awaited, and an earlier failure is forgotten. */
export function awaitingListeners(...names: string[]): ListenerStatusState {
  return { awaitedListeners: names, listenerError: null };
}

/** The named listener delivered a snapshot. */
export function listenerDelivered(name: string): (state: ListenerStatusState) => Pick<ListenerStatusState, 'awaitedListeners'> {
  return ({ awaitedListeners }) => ({
    awaitedListeners: awaitedListeners.includes(name) ? awaitedListeners.filter((awaited) => awaited !== name) : awaitedListeners,
  });
}

/** A listener failed: nothing is awaited any more (its snapshots will not come), and the reason is kept. */
export function listenerFailed(error: unknown): ListenerStatusState {
  return { awaitedListeners: [], listenerError: errorMessage(error) };
}
