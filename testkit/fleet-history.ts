import { FLEET_SHARDS, fleetWindowDoc, paths, RESOLUTIONS, windowStart, type FleetWindowDoc } from '@pulseboard/contracts';
import { FieldValue } from 'firebase-admin/firestore';
import { adminDb } from './admin';

/**
 * What ingest leaves behind for a fleet whose every host runs its own agent: all FLEET_SHARDS
 * shards of each of the newest `windows` 10 s windows written, the newest being the one filling now.
 * CPU steps through 20-26 % from window to window, so a sparkline through them is not flat. Each
 * is stamped as ingest stamps a shard it writes, so the live overview's next fold reads it.
 */
export async function writeEveryShardOfRecentWindows(tenantId: string, windows: number): Promise<void> {
  const { ms, keepMs } = RESOLUTIONS['10s'];
  const newest = windowStart(Date.now(), '10s');
  const writer = adminDb.bulkWriter();
  for (let age = 0; age < windows; age++) {
    const start = newest - age * ms;
    const cpu = 20 + (age % 7);
    for (let shard = 0; shard < FLEET_SHARDS; shard++) {
      const doc: FleetWindowDoc = fleetWindowDoc.parse({
        resolution: '10s',
        start,
        end: start + ms,
        expiresAt: start + keepMs,
        shard,
        metrics: { cpu: { count: 1, sum: cpu, min: cpu, max: cpu, last: cpu, lastTs: start } },
        errors: { count: 0 },
      });
      void writer.set(adminDb.doc(paths.fleetWindow(tenantId, '10s', start, shard)), { ...doc, updatedAt: FieldValue.serverTimestamp() });
    }
  }
  await writer.close();
}
