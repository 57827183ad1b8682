import { INGEST_LIMITS, describeIssues, telemetryEvent, type RejectedEvent, type TelemetryEvent } from '@pulseboard/contracts';
import { DomainError } from '../shared/errors';

/** An accepted event with its time decided: the agent's `ts`, or the server's when absent. */
export type TimedEvent = TelemetryEvent & { ts: number };

export interface ValidatedEvents {
  accepted: TimedEvent[];
  rejected: RejectedEvent[];
}

/**
 * Validates each event of a batch on its own, so valid events are kept and each invalid one is
 * reported by its index. Events outside [now - maxLateness, now + maxFutureSkew] are rejected:
 * too late for windows that may already be read as final, or from a clock that is off. A batch
 * whose valid events name more distinct hosts or metrics than the limits is refused whole (413):
 * its width, not its length, decides what its transaction reads and writes.
 */
export function validateEvents(events: readonly unknown[], now: number): ValidatedEvents {
  const accepted: TimedEvent[] = [];
  const rejected: RejectedEvent[] = [];
  const hosts = new Set<string>();
  const metrics = new Set<string>();
  events.forEach((raw, index) => {
    const parsed = telemetryEvent.safeParse(raw);
    if (!parsed.success) {
      rejected.push({ index, reason: describeIssues(parsed.error) });
      return;
    }
    const ts = parsed.data.ts ?? now;
    if (ts < now - INGEST_LIMITS.maxLatenessMs) {
      rejected.push({ index, reason: `ts: more than ${INGEST_LIMITS.maxLatenessMs / 60_000} minutes old` });
    } else if (ts > now + INGEST_LIMITS.maxFutureSkewMs) {
      rejected.push({ index, reason: `ts: more than ${INGEST_LIMITS.maxFutureSkewMs / 1000} seconds in the future` });
    } else {
      accepted.push({ ...parsed.data, ts });
      hosts.add(parsed.data.host);
      if (parsed.data.type === 'metric') metrics.add(parsed.data.metric);
    }
  });
  if (hosts.size > INGEST_LIMITS.maxHostsPerBatch) throw tooWide(`${hosts.size} distinct hosts`, INGEST_LIMITS.maxHostsPerBatch);
  if (metrics.size > INGEST_LIMITS.maxMetricsPerBatch) throw tooWide(`${metrics.size} distinct metrics`, INGEST_LIMITS.maxMetricsPerBatch);
  return { accepted, rejected };
}

function tooWide(found: string, limit: number): DomainError {
  return new DomainError('payload-too-large', `The batch names ${found}; the limit is ${limit} a batch. Split it into smaller batches.`);
}
