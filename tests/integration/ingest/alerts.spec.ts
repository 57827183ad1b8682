import { describe, expect, it } from 'vitest';
import { alertDoc, hostDoc, paths, windowStart } from '@pulseboard/contracts';
import { RECENT_ERRORS_KEPT } from '../../../functions/src/ingest/rollup';
import { adminDb } from '../../../testkit/admin';
import { ingestTenant, metric, postBatch, postUntilStored } from './ingest-fixture';

async function alertsOf(tenantId: string) {
  const snapshot = await adminDb.collection(paths.alerts(tenantId)).get();
  return snapshot.docs.map((doc) => ({ id: doc.id, ...alertDoc.parse(doc.data()) }));
}

async function hostOf(tenantId: string, host: string) {
  return hostDoc.parse((await adminDb.doc(paths.host(tenantId, host)).get()).data());
}

describe('ingest alerts', () => {
  it('opens on a crossed level, escalates in place and resolves below the hysteresis line', async () => {
    const { tenantId, key } = await ingestTenant();
    const t = Date.now() - 60_000;
    await postBatch(key, { events: [metric('web-01', 'cpu', 85, t)] });
    const [opened] = await alertsOf(tenantId);
    expect(opened).toMatchObject({ host: 'web-01', metric: 'cpu', level: 'warning', state: 'open', threshold: 80, peak: 85 });
    expect((await hostOf(tenantId, 'web-01')).activeAlerts).toEqual({ cpu: opened?.id });

    await postBatch(key, { events: [metric('web-01', 'cpu', 97, t + 1000), metric('web-01', 'cpu', 75, t + 2000)] });
    const escalated = await alertsOf(tenantId);
    expect(escalated).toHaveLength(1);
    expect(escalated[0]).toMatchObject({ level: 'critical', state: 'open', peak: 97, lastValue: 75 });

    await postBatch(key, { events: [metric('web-01', 'cpu', 20, t + 3000)] });
    const resolved = await alertsOf(tenantId);
    expect(resolved).toHaveLength(1);
    expect(resolved[0]).toMatchObject({ state: 'resolved', resolvedAt: t + 3000, peak: 97 });
    expect((await hostOf(tenantId, 'web-01')).activeAlerts).toEqual({});
  });

  it('never opens two alerts for one host and metric under concurrent batches', { timeout: 180_000 }, async () => {
    const { tenantId, key } = await ingestTenant();
    const t = Date.now() - 60_000;
    // Each batch keeps its id, and one the emulator's lock timeout answers 503 is sent again.
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => postUntilStored(key, { batchId: `agent-${i}:1`, events: [metric('db-01', 'cpu', 90 + i, t + i * 10)] })),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const alerts = await alertsOf(tenantId);
    expect(alerts.filter((a) => a.state !== 'resolved')).toHaveLength(1);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ level: 'critical', peak: 99 });
  });

  it('waits for the sustain period and opens error-rate alerts from error events', async () => {
    const { tenantId, key } = await ingestTenant({ sustainSeconds: 30 });
    const t = Date.now() - 120_000;
    await postBatch(key, { events: [metric('api-01', 'cpu', 99, t)] });
    expect(await alertsOf(tenantId)).toEqual([]);
    const errors = Array.from({ length: 25 }, (_, i) => ({ type: 'error', host: 'api-01', code: 'E500', message: 'boom', ts: t + 31_000 + i }));
    await postBatch(key, { events: [metric('api-01', 'cpu', 99, t + 31_000), ...errors] });
    const alerts = await alertsOf(tenantId);
    expect(alerts.map((a) => a.metric).sort()).toEqual(['cpu']);
    // errors crossed critical (20/min) only now: their sustain period starts now.
    expect((await hostOf(tenantId, 'api-01')).breachingSince?.['errors']).toBe(t + 31_024);
  });

  it('keeps on the host the errors per minute its error-rate alert judged, beyond the few messages kept', async () => {
    const { tenantId, key } = await ingestTenant();
    // All in the current minute, so the rate is their count: no earlier minute to weigh in.
    const minute = windowStart(Date.now(), '1m');
    const errors = Array.from({ length: 25 }, (_, i) => ({ type: 'error', host: 'api-03', code: 'E500', message: 'boom', ts: minute + i }));
    await postBatch(key, { events: errors });
    const host = await hostOf(tenantId, 'api-03');
    expect(host.errorsPerMinute).toBe(25);
    expect(host.recentErrors).toHaveLength(RECENT_ERRORS_KEPT);
    expect(await alertsOf(tenantId)).toMatchObject([{ metric: 'errors', level: 'critical', lastValue: 25 }]);
  });

  it('opens an error-rate alert at once without a sustain period', async () => {
    const { tenantId, key } = await ingestTenant();
    const errors = Array.from({ length: 6 }, (_, i) => ({ type: 'error', host: 'api-02', code: 'E500', message: 'boom', ts: Date.now() - 1000 + i }));
    await postBatch(key, { events: errors });
    expect(await alertsOf(tenantId)).toMatchObject([{ metric: 'errors', level: 'warning', state: 'open' }]);
  });

  it('a silenced host opens no alert; a host override replaces the tenant default', async () => {
    const { tenantId, key } = await ingestTenant();
    await adminDb.doc(paths.host(tenantId, 'quiet')).set({ silencedUntil: Date.now() + 600_000 });
    await adminDb.doc(paths.host(tenantId, 'strict')).set({ thresholds: { cpu: { warning: 10, critical: 20 } } });
    await postBatch(key, { events: [metric('quiet', 'cpu', 99), metric('strict', 'cpu', 15)] });
    expect(await alertsOf(tenantId)).toMatchObject([{ host: 'strict', threshold: 10, level: 'warning' }]);
  });

  it('keeps apart the alerts of host h_x / metric cpu and host h / metric x_cpu', async () => {
    const { tenantId, key } = await ingestTenant();
    await adminDb.doc(paths.host(tenantId, 'h')).set({ thresholds: { x_cpu: { warning: 80, critical: 95 } } });
    const ts = Date.now() - 1_000;
    await postBatch(key, { events: [metric('h_x', 'cpu', 85, ts), metric('h', 'x_cpu', 97, ts)] });
    const alerts = await alertsOf(tenantId);
    expect(alerts.map(({ host, metric: name, level }) => ({ host, metric: name, level })).sort((a, b) => a.host.localeCompare(b.host))).toEqual([
      { host: 'h', metric: 'x_cpu', level: 'critical' },
      { host: 'h_x', metric: 'cpu', level: 'warning' },
    ]);
  });
});
