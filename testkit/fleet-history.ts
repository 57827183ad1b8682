import { FLEET_SHARDS, fleetShardDoc, paths, RESOLUTIONS, windowStart, type FleetShardDoc } from '@pulseboard/contracts';
import { FieldValue } from 'firebase-admin/firestore';
import { adminDb } from './admin';

/**
 * What ingest leaves behind for a fleet whose every host runs its own agent: all FLEET_SHARDS
 * shard documents holding each of the newest `windows` 10 s windows, the newest being the one
 * filling now, and no digests (call it before the tenant's first batch: it writes the documents
 * whole). CPU steps through 20-26 % from window to window, so a sparkline through them is not flat.
 * Each is stamped as ingest stamps a shard it writes, so the live overview's next fold reads it.
 */
export async function writeEveryShardOfRecentWindows(tenantId: string, windows: number): Promise<void> {
  const { ms } = RESOLUTIONS['10s'];
  const newest = windowStart(Date.now(), '10s');
  const tenSeconds = Array.from({ length: windows }, (_, i) => {
    const start = newest - (windows - 1 - i) * ms;
    const cpu = 20 + ((windows - 1 - i) % 7);
    return { start, metrics: { cpu: { count: 1, sum: cpu, min: cpu, max: cpu, last: cpu, lastTs: start } }, errorCount: 0 };
  });
  const writer = adminDb.bulkWriter();
  for (let shard = 0; shard < FLEET_SHARDS; shard++) {
    const doc: FleetShardDoc = fleetShardDoc.parse({ shard, windows: { '10s': tenSeconds, '1m': [], '1h': [] }, hosts: {} });
    void writer.set(adminDb.doc(paths.fleetShard(tenantId, shard)), { ...doc, updatedAt: FieldValue.serverTimestamp() });
  }
  await writer.close();
}
