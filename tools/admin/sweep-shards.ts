import { paths } from '@pulseboard/contracts';
import { FieldPath, type CollectionReference, type Firestore, type QueryDocumentSnapshot } from 'firebase-admin/firestore';
import { SWEEP_SHARD_FIELD, sweepShardOf } from '../../functions/src/alerts/sweep-shard';

/** Documents read per page, and written per batch: Firestore's limit of writes in one batch. */
const PAGE_SIZE = 500;

export interface SweepShardsReport {
  readonly tenants: number;
  readonly hosts: number;
  /** Host documents that had no sweep shard, or another one, and were given theirs. */
  readonly written: number;
  /** Tenants whose sweep state was deleted, so that their next sweep reads every line from its start. */
  readonly sweepsRestarted: number;
}

/** A collection's documents page by page in id order, reading only `fields` of each. */
async function* pagesOf(collection: CollectionReference, fields: string[]): AsyncGenerator<QueryDocumentSnapshot[]> {
  let after: string | null = null;
  for (;;) {
    const ordered = collection.orderBy(FieldPath.documentId()).select(...fields).limit(PAGE_SIZE);
    const page: QueryDocumentSnapshot[] = (await (after === null ? ordered : ordered.startAfter(after)).get()).docs;
    if (page.length > 0) yield page;
    if (page.length < PAGE_SIZE) return;
    after = page.at(-1)?.id ?? null;
  }
}

/**
 * Gives every host document its sweep shard (functions/src/alerts/sweep-shard.ts), the upgrade
 * docs/DEPLOY.md describes: ingest writes it with every batch, but a host that has not reported
 * since the deploy has none, and the silent-host sweep's query, which filters on it, would never
 * find it. Reads the hosts of every tenant, or of `onlyTenant`, once (the field alone), writes only
 * those without their shard, and restarts the sweep of a tenant it wrote to; running it again
 * writes nothing.
 */
export async function backfillSweepShards(db: Firestore, onlyTenant: string | null): Promise<SweepShardsReport> {
  let tenants = 0;
  let hosts = 0;
  let written = 0;
  let sweepsRestarted = 0;
  for await (const tenantIds of onlyTenant === null ? tenantIdsOf(db) : [[onlyTenant]]) {
    for (const tenantId of tenantIds) {
      tenants += 1;
      const writtenBefore = written;
      for await (const hostPage of pagesOf(db.collection(paths.hosts(tenantId)), [SWEEP_SHARD_FIELD])) {
        hosts += hostPage.length;
        const missing = hostPage.filter((host) => host.get(SWEEP_SHARD_FIELD) !== sweepShardOf(host.id));
        if (missing.length === 0) continue;
        const batch = db.batch();
        for (const host of missing) batch.set(host.ref, { [SWEEP_SHARD_FIELD]: sweepShardOf(host.id) }, { merge: true });
        await batch.commit();
        written += missing.length;
      }
      // The sweep's cursors may have passed hosts it could not see: its next run reads the tenant's
      // lines from the start (settling a host again changes nothing).
      if (written > writtenBefore) {
        await db.doc(paths.silentHostSweep(tenantId)).delete();
        sweepsRestarted += 1;
      }
    }
  }
  return { tenants, hosts, written, sweepsRestarted };
}

async function* tenantIdsOf(db: Firestore): AsyncGenerator<string[]> {
  for await (const page of pagesOf(db.collection(paths.tenants()), [])) yield page.map((tenant) => tenant.id);
}
