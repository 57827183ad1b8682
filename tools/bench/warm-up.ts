import { ingest } from '../../testkit/ingest';
import type { FlagSpec } from '../cli/flags';

/**
 * Starts `count` ingest workers before the load: the Functions emulator runs one request per
 * worker process and cold-starts a process for each request that finds none idle, and on 2
 * cores a crowd of cold starts beside a browser overruns the emulator's 30 s load timeout.
 * The events are from the future, so ingest rejects them and the tenant stays empty.
 */
export async function warmIngestWorkers(key: string, count: number): Promise<void> {
  const future = Date.now() + 24 * 3_600_000;
  await Promise.all(Array.from({ length: count }, (_, i) => ingest(key, [{ type: 'metric', host: `warm-up-${i}`, metric: 'cpu', value: 0, ts: future }])));
}

/** The benches' --warm-workers flag: how many ingest workers to start before the run, with the bench's default. */
export function warmWorkersFlag(defaultCount: number) {
  return { type: 'number', default: defaultCount, min: 0, max: 100, integer: true, help: 'ingest workers warmed before the run' } as const satisfies FlagSpec;
}
