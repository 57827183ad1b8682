/**
 * `npm run bench:notifications` against running emulators with the tasks emulator (`npm start`, or
 * inside `emulators:exec --only auth,firestore,functions,tasks`): how long an alert takes from
 * ingest's answer (the alert committed) to a local webhook receiver, through notifyAlertTransition,
 * the Cloud Tasks queue and deliverNotification. Each alert is a new host crossing cpu's warning
 * level, so every one is one delivery. Every request's signature is verified, and a delivery
 * received twice is counted. The last line printed is one JSON object.
 */
import { DELIVERY_HEADER, newChannelSecret, paths, SIGNATURE_HEADER, type ChannelDoc, type ChannelSecretDoc } from '@pulseboard/contracts';
import { adminDb } from '../../testkit/admin';
import { functionUrl } from '../../testkit/emulators';
import { createTenant, uniqueTenantId } from '../../testkit/tenant-fixture';
import { startReceiver, verifySignature } from '../../testkit/webhook-receiver';
import { parseFlags } from '../cli/flags';
import { reportProgress } from '../cli/progress';
import { writeIngestKey } from '../../testkit/ingest-key';
import { percentile } from './stats';

const { alerts, interval, wait } = parseFlags({
  command: 'bench:notifications',
  summary:
    'Against running emulators with the tasks emulator. Opens --alerts cpu alerts, one new host every --interval ms, on a fresh ' +
    'tenant whose one webhook channel points at a local receiver; measures ingest answer -> webhook received per alert and ' +
    'prints p50, p99 and max, with signatures checked and duplicates counted, and a JSON line last.',
  flags: {
    alerts: { type: 'number', default: 100, min: 1, max: 1_000, integer: true, help: 'alerts to open' },
    interval: { type: 'number', default: 250, min: 0, max: 60_000, integer: true, help: 'ms between two alerts' },
    wait: { type: 'number', default: 60, min: 1, max: 600, integer: true, help: 'seconds to wait for the last deliveries' },
  },
});

const tenantId = uniqueTenantId('bench-notify');
await createTenant(tenantId);
const key = await writeIngestKey(tenantId, 'bench:notifications');
const receiver = await startReceiver();
const secret = newChannelSecret();
const now = Date.now();
const channel: ChannelDoc = {
  type: 'webhook',
  label: 'bench',
  url: receiver.url,
  minLevel: 'warning',
  transitions: ['opened'],
  hosts: [],
  metrics: [],
  renotifyEveryMinutes: null,
  enabled: true,
  createdAt: now,
  updatedAt: now,
  updatedBy: 'bench:notifications',
};
// What saveNotificationChannel stores, written directly: the bench measures delivery, not the callable.
await adminDb.doc(paths.channel(tenantId, 'bench')).set(channel);
await adminDb.doc(paths.channelSecret(tenantId, 'bench')).set({ secret, createdAt: now } satisfies ChannelSecretDoc);

const committedAt = new Map<string, number>();
const ingest = functionUrl('ingest');
const stopProgress = reportProgress('bench:notifications', 'alerts', () => ({ sent: committedAt.size, accepted: receiver.received.length }));
for (let i = 0; i < alerts; i++) {
  const host = `bench-${i}`;
  const response = await fetch(ingest, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ events: [{ type: 'metric', host, metric: 'cpu', value: 85, ts: Date.now() }] }),
  });
  if (response.status !== 200) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
  committedAt.set(host, Date.now());
  if (interval > 0) await new Promise((resolve) => setTimeout(resolve, interval));
}
const deadline = Date.now() + wait * 1000;
while (receiver.received.length < alerts && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
stopProgress();
await receiver.close();

const latencies: number[] = [];
let badSignatures = 0;
for (const request of receiver.received) {
  const header = request.headers[SIGNATURE_HEADER.toLowerCase()];
  if (typeof header !== 'string' || !verifySignature(header, request.body, secret, request.at / 1000)) badSignatures++;
  const host: unknown = JSON.parse(request.body).alert?.host;
  const committed = typeof host === 'string' ? committedAt.get(host) : undefined;
  if (committed !== undefined) latencies.push(request.at - committed);
}
const deliveryIds = receiver.received.map(({ headers }) => headers[DELIVERY_HEADER.toLowerCase()]);
const result = {
  alerts,
  received: receiver.received.length,
  duplicates: deliveryIds.length - new Set(deliveryIds).size,
  badSignatures,
  p50Ms: percentile(latencies, 50),
  p99Ms: percentile(latencies, 99),
  maxMs: Math.max(...latencies),
};
process.stdout.write(
  `bench:notifications: ${result.received}/${alerts} received, ${result.duplicates} duplicates, ${badSignatures} bad signatures; ` +
    `alert committed -> webhook received p50 ${result.p50Ms.toFixed(0)} ms, p99 ${result.p99Ms.toFixed(0)} ms, max ${result.maxMs.toFixed(0)} ms\n`,
);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(result.received === alerts && result.duplicates === 0 && badSignatures === 0 ? 0 : 1);
