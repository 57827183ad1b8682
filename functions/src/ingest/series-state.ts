import { otlpSeriesDoc, paths, type OtlpSeriesPoint } from '@pulseboard/contracts';
import { logger } from 'firebase-functions';
import { db } from '../shared/admin';
import { commitCounted, countReads } from '../shared/document-writes';
import { cumulativeDeltas, type CumulativePoint, type MappedSample } from './cumulative-deltas';

/**
 * Runs `apply` with the request's running totals (OTLP cumulative sums, collectd counters and
 * derives) turned into samples, against the last points stored per host
 * (tenants/{t}/otlpSeries/{host}, shared by both formats: one read and, after `apply` succeeds, one write
 * per host, only for requests with cumulative series). Stored only after `apply`, so a request
 * that fails is recomputed the same when retried; a retry of an applied request is a duplicate
 * (same body, same batchId) and writes no samples again. One agent per host is assumed: two
 * sending the same host's series at once may each book an increase against the same point.
 */
export async function withSeriesDeltas<T>(tenantId: string, points: readonly CumulativePoint[], apply: (deltas: MappedSample[]) => Promise<T>): Promise<T> {
  if (points.length === 0) return apply([]);
  const hosts = [...new Set(points.map((point) => point.host))];
  const refs = hosts.map((host) => db.doc(paths.hostOtlpSeries(tenantId, host)));
  const snapshots = await db.getAll(...refs);
  countReads(refs.length);
  const last = new Map<string, Record<string, OtlpSeriesPoint>>();
  snapshots.forEach((snapshot, i) => {
    const host = hosts[i];
    if (host === undefined || !snapshot.exists) return;
    const parsed = otlpSeriesDoc.safeParse(snapshot.data());
    if (parsed.success) last.set(host, parsed.data.series);
    else logger.warn('stored OTLP series fail their contract; read as missing', { path: snapshot.ref.path });
  });
  const deltas = cumulativeDeltas(points, last, Date.now());
  const applied = await apply(deltas.samples);
  await commitCounted((batch) => {
    for (const [host, series] of deltas.last) batch.set(db.doc(paths.hostOtlpSeries(tenantId, host)), { series });
  });
  return applied;
}
