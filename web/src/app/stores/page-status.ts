import { computed, type Signal } from '@angular/core';

/** What withListenerStatus gives a store, as a page reads it. */
export interface ListenerStatus {
  readonly loading: Signal<boolean>;
  readonly listenerError: Signal<string | null>;
}

/**
 * One page's status over the stores it shows (its own and a root one, such as the tenant's
 * settings): loading while any is, unless one failed, and the first failure's reason.
 */
export function pageStatus(...stores: readonly ListenerStatus[]): ListenerStatus {
  const listenerError = computed(() => stores.map((store) => store.listenerError()).find((error) => error !== null) ?? null);
  return {
    listenerError,
    loading: computed(() => listenerError() === null && stores.some((store) => store.loading())),
  };
}
