import { FieldValue } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import { alertDoc, hostDoc, paths } from '@pulseboard/contracts';
import { SILENT_EXPIRY_FACTOR } from '../../../functions/src/alerts/decide-silent-host';
import { SWEEP_SHARD_FIELD, sweepShardOf } from '../../../functions/src/alerts/sweep-shard';
import { SWEEP_HOSTS_AT_ONCE, sweepTenant } from '../../../functions/src/alerts/sweep-tenant';
import { runScheduledFunction } from '../../../testkit/cloud-scheduler';
import { adminDb } from '../../../testkit/admin';
import { functionUrl } from '../../../testkit/emulators';
import { ingestTenant, metric, postBatch } from '../ingest/ingest-fixture';
import { admin, TWO_CLI_RUNS_MS } from '../../support/admin-cli';

const STALE_AFTER_SECONDS = 60;

async function alertsOf(tenantId: string) {
  const snapshot = await adminDb.collection(paths.alerts(tenantId)).get();
  return snapshot.docs.map((doc) => ({ id: doc.id, ...alertDoc.parse(doc.data()) }));
}

async function hostOf(tenantId: string, host: string) {
  return hostDoc.parse((await adminDb.doc(paths.host(tenantId, host)).get()).data());
}

async function sweep(tenantId: string, now: number): Promise<void> {
  await sweepTenant(tenantId, (await adminDb.doc(paths.tenant(tenantId)).get()).data(), now);
}

describe('silent hosts', () => {
  it('finds a host written before ingest kept its sweep shard once `npm run admin -- sweep-shards` gives it one; a second run writes nothing', async () => {
    const { tenantId, key } = await ingestTenant({ staleAfterSeconds: STALE_AFTER_SECONDS });
    const lastReport = Date.now() - 90_000;
    expect((await postBatch(key, { events: [metric('written-before', 'cpu', 10, lastReport - 1_000)] })).status).toBe(200);
    expect((await postBatch(key, { events: [metric('written-after', 'cpu', 10, lastReport)] })).status).toBe(200);
    // The host as the previous version wrote it: no sweep shard.
    await adminDb.doc(paths.host(tenantId, 'written-before')).update({ [SWEEP_SHARD_FIELD]: FieldValue.delete() });
    await sweep(tenantId, Date.now());
    // The sweep did not see it, and its cursor passed it.
    expect((await alertsOf(tenantId)).map((alert) => alert.host)).toEqual(['written-after']);

    const run = await admin('sweep-shards', '--tenant', tenantId);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('tenants: 1; hosts read: 2; given their sweep shard: 1; sweeps restarted: 1');
    expect((await adminDb.doc(paths.host(tenantId, 'written-before')).get()).get(SWEEP_SHARD_FIELD)).toBe(sweepShardOf('written-before'));
    await sweep(tenantId, Date.now());
    const alerts = await alertsOf(tenantId);
    expect(alerts.map((alert) => [alert.host, alert.metric]).sort()).toEqual([['written-after', 'no-data'], ['written-before', 'no-data']]);

    const again = await admin('sweep-shards', '--tenant', tenantId);
    expect(again.stdout).toContain('tenants: 1; hosts read: 2; given their sweep shard: 0; sweeps restarted: 0');
    await sweep(tenantId, Date.now());
    expect(await alertsOf(tenantId)).toEqual(alerts);
  }, TWO_CLI_RUNS_MS);

  it('a silent host opens a no-data alert after the sweep, and it resolves on its next batch', async () => {
    const { tenantId, key } = await ingestTenant({ staleAfterSeconds: STALE_AFTER_SECONDS });
    const lastReport = Date.now() - 90_000;
    expect((await postBatch(key, { events: [metric('quiet-01', 'cpu', 10, lastReport), metric('chatty-01', 'cpu', 10, Date.now())] })).status).toBe(200);

    await sweep(tenantId, Date.now());
    const [opened, ...others] = await alertsOf(tenantId);
    expect(others).toEqual([]);
    expect(opened).toMatchObject({ host: 'quiet-01', metric: 'no-data', state: 'open', threshold: STALE_AFTER_SECONDS });
    expect((await hostOf(tenantId, 'quiet-01')).activeAlerts).toEqual({ 'no-data': opened?.id });

    // A second sweep opens nothing more: the host was read once, as it crossed the line. Its
    // cursors did not move, so it does not write its state again either.
    const sweepState = () => adminDb.doc(paths.silentHostSweep(tenantId)).get();
    const afterFirst = await sweepState();
    expect(afterFirst.get('stale')).toMatchObject({ host: 'quiet-01' });
    await sweep(tenantId, Date.now());
    expect(await alertsOf(tenantId)).toHaveLength(1);
    expect((await sweepState()).updateTime?.valueOf()).toBe(afterFirst.updateTime?.valueOf());

    const back = Date.now();
    await postBatch(key, { events: [metric('quiet-01', 'cpu', 10, back)] });
    expect(await alertsOf(tenantId)).toEqual([expect.objectContaining({ id: opened?.id, state: 'resolved', resolvedAt: back, resolvedReason: 'data-returned' })]);
    expect((await hostOf(tenantId, 'quiet-01')).activeAlerts).toEqual({});
  });

  it('a line of more hosts than are settled at once: each opens its no-data alert once, and the cursor stops at the last', async () => {
    const { tenantId, key } = await ingestTenant({ staleAfterSeconds: STALE_AFTER_SECONDS });
    const lastReport = Date.now() - 90_000;
    // Two full groups and part of a third, all silent since the same moment: the cursor orders them by id.
    const hosts = Array.from({ length: 2 * SWEEP_HOSTS_AT_ONCE + 3 }, (_, i) => `line-${String(i).padStart(2, '0')}`);
    expect((await postBatch(key, { events: hosts.map((host) => metric(host, 'cpu', 10, lastReport)) })).status).toBe(200);

    await sweep(tenantId, Date.now());
    const opened = await alertsOf(tenantId);
    expect(opened.map((alert) => alert.host).sort()).toEqual(hosts);
    expect(opened.every((alert) => alert.metric === 'no-data' && alert.state === 'open')).toBe(true);
    expect((await adminDb.doc(paths.silentHostSweep(tenantId)).get()).get('stale')).toMatchObject({ host: hosts.at(-1), lastSeen: lastReport });

    await sweep(tenantId, Date.now());
    expect(await alertsOf(tenantId)).toHaveLength(hosts.length);
  });

  it('the scheduled function, called as Cloud Scheduler calls it, opens the no-data alert of a silent host', async () => {
    const { tenantId, key } = await ingestTenant({ staleAfterSeconds: STALE_AFTER_SECONDS });
    await postBatch(key, { events: [metric('quiet-02', 'cpu', 10, Date.now() - 90_000)] });

    await runScheduledFunction(functionUrl('sweepSilentHosts'));
    expect(await alertsOf(tenantId)).toEqual([expect.objectContaining({ host: 'quiet-02', metric: 'no-data', state: 'open' })]);
  });

  it('opens no no-data alert for a silenced host', async () => {
    const { tenantId, key } = await ingestTenant({ staleAfterSeconds: STALE_AFTER_SECONDS });
    await postBatch(key, { events: [metric('muted-01', 'cpu', 10, Date.now() - 90_000)] });
    await adminDb.doc(paths.host(tenantId, 'muted-01')).update({ silencedUntil: Date.now() + 3_600_000 });
    await sweep(tenantId, Date.now());
    expect(await alertsOf(tenantId)).toEqual([]);
  });

  it('resolves the threshold alerts of a host silent past the expiry period, with the reason', async () => {
    const { tenantId, key } = await ingestTenant({ staleAfterSeconds: STALE_AFTER_SECONDS });
    const lastReport = Date.now() - 30_000;
    await postBatch(key, { events: [metric('gone-01', 'cpu', 97, lastReport)] });
    const [cpu] = await alertsOf(tenantId);
    expect(cpu).toMatchObject({ metric: 'cpu', state: 'open' });

    await sweep(tenantId, lastReport + STALE_AFTER_SECONDS * 1000);
    expect((await alertsOf(tenantId)).find((a) => a.id === cpu?.id)?.state).toBe('open');

    const expiry = lastReport + SILENT_EXPIRY_FACTOR * STALE_AFTER_SECONDS * 1000;
    await sweep(tenantId, expiry);
    const alerts = await alertsOf(tenantId);
    expect(alerts.find((a) => a.id === cpu?.id)).toMatchObject({ state: 'resolved', resolvedAt: expiry, resolvedReason: 'host-silent' });
    expect(alerts.find((a) => a.metric === 'no-data')?.state).toBe('open');
    expect(Object.keys((await hostOf(tenantId, 'gone-01')).activeAlerts)).toEqual(['no-data']);
  });
});
