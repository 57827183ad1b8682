import { isDeepStrictEqual } from 'node:util';
import {
  HOST_TABLE_PAGE_LIMITS,
  hostTablePageDoc,
  hostTablePageOf,
  hostTableRowOf,
  hostTableRowSize,
  ownValue,
  recordOf,
  type HostDigestsDoc,
  type HostTablePageDoc,
  type HostTableRow,
} from '@pulseboard/contracts';
import { newestFirst } from '../ingest/newest-entries';

/** The pages the hosts of these shards are listed on: the ones a fold reads, and may write. */
export function tablePagesOf(shards: readonly HostDigestsDoc[]): number[] {
  return [...new Set(shards.map((shard) => hostTablePageOf(shard.shard)))].sort((a, b) => a - b);
}

/**
 * The hosts table's pages after a fold (docs/DATA-MODEL.md, "The hosts table"): each changed
 * shard's digests become rows on its page, a row replacing the page's only if it is as new (a host
 * whose batches chose two shards of one page keeps its newest), and past the page's limits the
 * longest-silent hosts go. Only the pages that changed are returned: the fold writes nothing else.
 */
export function nextTablePages(
  stored: ReadonlyMap<number, HostTablePageDoc>,
  changed: readonly HostDigestsDoc[],
  limits: { readonly hosts: number; readonly rowBytes: number } = HOST_TABLE_PAGE_LIMITS,
): HostTablePageDoc[] {
  const rowsByPage = new Map<number, Record<string, HostTableRow>>();
  for (const shard of changed) {
    const page = hostTablePageOf(shard.shard);
    const rows = rowsByPage.get(page) ?? recordOf(Object.entries(stored.get(page)?.hosts ?? {}));
    for (const [host, digest] of Object.entries(shard.hosts)) {
      const row = hostTableRowOf(digest);
      if (row.lastSeen >= (ownValue(rows, host)?.lastSeen ?? Number.NEGATIVE_INFINITY)) rows[host] = row;
    }
    rowsByPage.set(page, rows);
  }
  return [...rowsByPage].flatMap(([page, rows]) => {
    const next: HostTablePageDoc = { page, hosts: newestRows(rows, limits) };
    const before = stored.get(page);
    // Both as the contract parses them (plain objects), so equal rows compare equal whatever their prototypes.
    return before !== undefined && isDeepStrictEqual(hostTablePageDoc.parse(before), hostTablePageDoc.parse(next)) ? [] : [next];
  });
}

/** The most recently seen rows within the limits, ties to the smaller name so the choice is the same whatever the order. */
function newestRows(rows: Readonly<Record<string, HostTableRow>>, limits: { readonly hosts: number; readonly rowBytes: number }): Record<string, HostTableRow> {
  const kept: [string, HostTableRow][] = [];
  let bytes = 0;
  for (const [host, row] of Object.entries(rows).sort(newestFirst((row: HostTableRow) => row.lastSeen)).slice(0, limits.hosts)) {
    bytes += hostTableRowSize(host, row);
    if (bytes > limits.rowBytes) break;
    kept.push([host, row]);
  }
  return recordOf(kept);
}
