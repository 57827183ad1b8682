import { paths, storedHostDoc, type TelemetryEvent } from '@pulseboard/contracts';
import { appliedAtOf } from '../functions/src/ingest/applied-batches';
import { validateEvents } from '../functions/src/ingest/validate-events';
import { adminDb } from './admin';

const appliedBatchesOfHost = storedHostDoc.pick({ appliedBatches: true });

/**
 * How many of a batch's events ingest accepted, if it applied the batch (its answer was lost, not
 * its write): every host document the batch wrote remembers its id and the time its events were
 * judged at, and judging them again at that time gives its answer. Undefined for a batch never applied.
 */
export async function acceptedIfApplied(tenantId: string, batchId: string, events: readonly TelemetryEvent[]): Promise<{ accepted: number; appliedAt: number } | undefined> {
  const hosts = [...new Set(events.map((event) => event.host))];
  if (hosts.length === 0) return undefined;
  const snapshots = await adminDb.getAll(...hosts.map((host) => adminDb.doc(paths.host(tenantId, host))));
  const stored = snapshots.map((snapshot) => appliedBatchesOfHost.safeParse(snapshot.data())).flatMap((parsed) => (parsed.success ? [parsed.data] : []));
  const appliedAt = appliedAtOf(stored, batchId);
  return appliedAt === undefined ? undefined : { accepted: validateEvents(events, appliedAt).accepted.length, appliedAt };
}
