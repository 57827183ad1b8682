/**
 * `npm run bench:ingest-memory`: what the deployed functions' memory setting has to hold, measured
 * on this machine without the emulators: the resident size of a process that loaded the built
 * bundle (functions/lib/index.js, `npm run build:functions` first), and the heap one in-flight
 * batch of the largest size keeps alive while ingest parses, validates and rolls it up
 * (docs/DEPLOY.md turns both into memory and concurrency). The last line is one JSON object.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INGEST_LIMITS, type TelemetryEvent } from '@pulseboard/contracts';
import { rollUp } from '../../functions/src/ingest/rollup';
import { validateEvents } from '../../functions/src/ingest/validate-events';
import { parseFlags, usageError } from '../cli/flags';

const flags = parseFlags({
  command: 'bench:ingest-memory',
  summary: 'Resident size of the loaded functions bundle and heap per in-flight batch, for the deployed memory and concurrency settings.',
  flags: {
    events: { type: 'number', default: INGEST_LIMITS.maxEvents, min: 1, max: INGEST_LIMITS.maxEvents, integer: true, help: 'events per batch' },
    batches: { type: 'number', default: 20, min: 1, max: 200, integer: true, help: 'batches held at once, as concurrent requests hold them' },
  },
});

const collectGarbage = (globalThis as { gc?: () => void }).gc;
if (collectGarbage === undefined) usageError('bench:ingest-memory', 'run it through `npm run bench:ingest-memory` (it needs node --expose-gc)');
const bundle = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'functions/lib/index.js');
if (!existsSync(bundle)) usageError('bench:ingest-memory', 'no functions/lib/index.js: run `npm run build:functions` first');

const MiB = 1_048_576;
const rssBefore = process.memoryUsage().rss;
createRequire(import.meta.url)(bundle);
collectGarbage();
const bundleRssMiB = process.memoryUsage().rss / MiB;

const now = Date.now();
const metrics = ['cpu', 'requests', 'active_users'] as const;
const events: TelemetryEvent[] = Array.from({ length: flags.events }, (_, i) => ({
  type: 'metric',
  host: `host-${String(i % 200).padStart(3, '0')}`,
  metric: metrics[i % metrics.length] ?? 'cpu',
  value: Math.round(Math.random() * 1000) / 10,
  ts: now - (i % 300) * 1000,
}));
const body = JSON.stringify({ batchId: 'memory-bench', events });

collectGarbage();
const heapBefore = process.memoryUsage().heapUsed;
const inFlight: unknown[] = [];
for (let i = 0; i < flags.batches; i++) {
  // Each request has a body of its own: a copy, not the one shared string.
  const received = `${body} `.trimEnd();
  const parsed = JSON.parse(received) as { events: unknown[] };
  const validated = validateEvents(parsed.events, now);
  inFlight.push(received, parsed, validated, rollUp(validated.accepted));
}
collectGarbage();
const perBatchMiB = (process.memoryUsage().heapUsed - heapBefore) / flags.batches / MiB;

const result = {
  events: flags.events,
  bodyKiB: Math.round(body.length / 1024),
  processRssBeforeBundleMiB: Math.round(rssBefore / MiB),
  bundleLoadedRssMiB: Math.round(bundleRssMiB),
  heapPerInFlightBatchMiB: Number(perBatchMiB.toFixed(2)),
  batchesHeld: inFlight.length / 4,
};
process.stdout.write(`bundle loaded: ${result.bundleLoadedRssMiB} MiB resident; one in-flight batch of ${flags.events} events (${result.bodyKiB} KiB): ${result.heapPerInFlightBatchMiB} MiB of heap\n`);
process.stdout.write(`${JSON.stringify(result)}\n`);
