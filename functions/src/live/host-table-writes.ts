import type { WriteBatch } from 'firebase-admin/firestore';
import { hostTablePageDoc, paths, type HostDigestsDoc, type HostTablePageDoc } from '@pulseboard/contracts';
import { db } from '../shared/admin';
import { stored } from '../ingest/stored-documents';
import { nextTablePages, tablePagesOf } from './host-table-pages';

/**
 * The hosts table's pages a fold writes, from the digests of the shards that changed: reads the
 * pages those shards' hosts are on (at most HOST_TABLE_PAGES, one getAll) and returns the ones that
 * changed. A page that fails its contract is read as empty and rebuilt from what changed.
 */
export async function changedTablePages(tenantId: string, changed: readonly HostDigestsDoc[]): Promise<{ pages: HostTablePageDoc[]; documentReads: number }> {
  const pages = tablePagesOf(changed);
  if (pages.length === 0) return { pages: [], documentReads: 0 };
  const snapshots = await db.getAll(...pages.map((page) => db.doc(paths.hostTablePage(tenantId, page))));
  const current = new Map(snapshots.flatMap((snapshot, index) => {
    const doc = stored(snapshot, hostTablePageDoc);
    const page = pages[index];
    return doc === undefined || page === undefined ? [] : [[page, doc] as const];
  }));
  return { pages: nextTablePages(current, changed), documentReads: pages.length };
}

/** Adds the pages to the fold's batch, which commits them with its parts or not at all. */
export function writeTablePages(batch: WriteBatch, tenantId: string, pages: readonly HostTablePageDoc[]): void {
  for (const page of pages) batch.set(db.doc(paths.hostTablePage(tenantId, page.page)), page);
}
