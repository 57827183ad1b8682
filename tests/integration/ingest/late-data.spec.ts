import { describe, expect, it } from 'vitest';
import { alertDoc, hostDoc, paths } from '@pulseboard/contracts';
import { adminDb } from '../../../testkit/admin';
import { ingestTenant, metric, postBatch } from './ingest-fixture';

async function alertsOf(tenantId: string) {
  const snapshot = await adminDb.collection(paths.alerts(tenantId)).get();
  return snapshot.docs.map((doc) => alertDoc.parse(doc.data()));
}

async function hostOf(tenantId: string, host: string) {
  return hostDoc.parse((await adminDb.doc(paths.host(tenantId, host)).get()).data());
}

const burst = (host: string, ts: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ type: 'error', host, code: 'E500', message: 'boom', ts: ts + i }));

describe('ingest late data', () => {
  it('a 5-minute-old CPU of 99 counts in its windows but opens no alert on a host whose newest CPU is 10', async () => {
    const { tenantId, key } = await ingestTenant();
    const now = Date.now();
    await postBatch(key, { events: [metric('web-01', 'cpu', 10, now)] });
    expect((await postBatch(key, { events: [metric('web-01', 'cpu', 99, now - 300_000)] })).status).toBe(200);
    expect(await alertsOf(tenantId)).toEqual([]);
    expect((await hostOf(tenantId, 'web-01')).metrics['cpu']).toEqual({ value: 10, ts: now });
  });

  it('an old error burst opens no error-rate alert and leaves the current rate of 0', async () => {
    const { tenantId, key } = await ingestTenant();
    const now = Date.now();
    await postBatch(key, { events: [metric('api-01', 'cpu', 10, now)] });
    expect((await postBatch(key, { events: burst('api-01', now - 300_000, 30) })).status).toBe(200);
    expect(await alertsOf(tenantId)).toEqual([]);
    const host = await hostOf(tenantId, 'api-01');
    expect(host.errorsPerMinute).toBe(0);
    expect(host.recentErrors).toHaveLength(5);
  });

  it('a delayed older batch with CPU 20 leaves open the critical alert of a host whose newest CPU is 99', async () => {
    const { tenantId, key } = await ingestTenant();
    const now = Date.now();
    await postBatch(key, { events: [metric('db-01', 'cpu', 99, now)] });
    expect(await alertsOf(tenantId)).toMatchObject([{ level: 'critical', state: 'open' }]);
    expect((await postBatch(key, { events: [metric('db-01', 'cpu', 20, now - 60_000)] })).status).toBe(200);
    expect(await alertsOf(tenantId)).toMatchObject([{ level: 'critical', state: 'open', lastValue: 99 }]);
  });
});
