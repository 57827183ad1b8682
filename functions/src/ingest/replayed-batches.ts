import { INGEST_LIMITS, paths, telemetryEvent, type IngestResponse } from '@pulseboard/contracts';
import { db } from '../shared/admin';
import { countReads } from '../shared/document-writes';
import { appliedAtOf } from './applied-batches';
import { storedHost } from './stored-documents';
import { validateEvents } from './validate-events';

/**
 * A replayed batch's answer: its events judged again at the time the batch was applied, which is
 * the answer it got then (validation is a function of the events and that time alone), so a host
 * document stores a batch's id and time, never its answer of up to 5,000 rejections.
 */
export function replayedAnswer(events: readonly unknown[], batchId: string, appliedAt: number): IngestResponse {
  const { accepted, rejected } = validateEvents(events, appliedAt);
  return { accepted: accepted.length, rejected, batchId, duplicate: true };
}

/**
 * A retried batch's original answer, in a read of its own: for a batch none of whose events is
 * valid now, which has no transaction to meet its hosts in. Its events may have aged past the
 * lateness window since it was applied, and the agent must not be told its data was lost. Reads the
 * hosts its well-formed events name (one round trip, at most INGEST_LIMITS.maxHostsPerBatch, the
 * most a batch can have written): each host a batch wrote remembers it.
 */
export async function previousAnswer(tenantId: string, batchId: string | undefined, events: readonly unknown[]): Promise<IngestResponse | undefined> {
  if (batchId === undefined) return undefined;
  const hosts = namedHosts(events);
  if (hosts.length === 0) return undefined;
  const snapshots = await db.getAll(...hosts.map((host) => db.doc(paths.host(tenantId, host))));
  countReads(hosts.length);
  const appliedAt = appliedAtOf(snapshots.map(storedHost), batchId);
  return appliedAt === undefined ? undefined : replayedAnswer(events, batchId, appliedAt);
}

/** The distinct hosts of a batch's well-formed events, in order, at most INGEST_LIMITS.maxHostsPerBatch. */
function namedHosts(events: readonly unknown[]): string[] {
  const hosts = new Set<string>();
  for (const raw of events) {
    const event = telemetryEvent.safeParse(raw);
    if (event.success) hosts.add(event.data.host);
    if (hosts.size === INGEST_LIMITS.maxHostsPerBatch) break;
  }
  return [...hosts];
}
