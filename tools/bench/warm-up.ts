import { ingest } from '../../testkit/ingest';

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
