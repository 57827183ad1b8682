import { computed } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import type { HostStatus } from '@pulseboard/contracts';
import type { RowQuery, SortKey } from './host-rows';

/**
 * How the hosts table is filtered and sorted: a store of the view, not of data. Kept for the
 * session, apart from the table's data (HostsStore, which lives and dies with the table): coming
 * back from a host page finds the table as it was left.
 */
export const HostsViewStore = signalStore(
  { providedIn: 'root' },
  withState<RowQuery>({ text: '', status: null, sortBy: 'status', direction: 'desc' }),
  withComputed(({ text, status, sortBy, direction }) => ({
    query: computed<RowQuery>(() => ({ text: text(), status: status(), sortBy: sortBy(), direction: direction() })),
  })),
  withMethods((store) => ({
    filterByText(text: string): void {
      patchState(store, { text });
    },
    filterByStatus(status: HostStatus | null): void {
      patchState(store, { status });
    },
    /** Sorts by a column; choosing the current column again reverses the direction. */
    sortOn(sortBy: SortKey): void {
      const direction = store.sortBy() === sortBy && store.direction() === 'desc' ? 'asc' : 'desc';
      patchState(store, { sortBy, direction });
    },
  })),
);
