import { afterEach, describe, expect, it } from 'vitest';
import { httpsCallable } from 'firebase/functions';
import { addDoc, collection, serverTimestamp, Timestamp } from 'firebase/firestore';
import {
  alertDoc,
  deliveryDoc,
  paths,
  saveNotificationChannelResponse,
  tenantDoc,
  type CommandPayload,
  type MaintenanceWindow,
} from '@pulseboard/contracts';
import { sweepTenant } from '../../../functions/src/alerts/sweep-tenant';
import { adminDb } from '../../../testkit/admin';
import { createUser } from '../../../testkit/tenant-fixture';
import { startReceiver, type WebhookReceiver } from '../../../testkit/webhook-receiver';
import { clientsClosedAfterEach } from '../../support/clients-closed-after-each';
import { ingestTenant, metric, postBatch } from '../ingest/ingest-fixture';
import { DELIVERY_TIMEOUT_MS } from '../../support/delivery-timeout';

const SPEC_TIMEOUT = { timeout: 3 * DELIVERY_TIMEOUT_MS };
const SETTLE_TIMEOUT_MS = 15_000;
const HOUR = 3_600_000;
const clientOf = clientsClosedAfterEach();
const receivers: WebhookReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

/** A tenant with a webhook channel to a fresh receiver (every level, every transition) and an operator's client. */
async function watchedTenant(overrides: Parameters<typeof ingestTenant>[0] = {}) {
  const hook = await startReceiver([]);
  receivers.push(hook);
  const { tenantId, key } = await ingestTenant(overrides);
  const admin = await clientOf(await createUser({ [tenantId]: 'admin' }));
  const operatorUser = await createUser({ [tenantId]: 'operator' });
  const operator = await clientOf(operatorUser);
  const saved = await httpsCallable(admin.functions, 'saveNotificationChannel')({ tenantId, channel: { type: 'webhook', label: 'ops', url: hook.url } });
  saveNotificationChannelResponse.parse(saved.data);

  /** Sends a command as the web app does, under the rules, and waits for the function to settle it. */
  async function command(payload: CommandPayload): Promise<Record<string, unknown>> {
    const sent = await addDoc(collection(operator.db, paths.commands(tenantId)), {
      payload,
      requestedBy: operatorUser.uid,
      requestedAt: serverTimestamp(),
      clickedAt: Timestamp.now(),
      status: 'pending',
    });
    const ref = adminDb.doc(sent.path);
    let data: Record<string, unknown> | undefined;
    await expect
      .poll(async () => {
        data = (await ref.get()).data();
        return data?.['status'];
      }, { timeout: SETTLE_TIMEOUT_MS })
      .not.toBe('pending');
    return data ?? {};
  }
  return { tenantId, key, hook, command };
}

const hostsNotified = (hook: WebhookReceiver): Array<[string, string]> =>
  hook.received.map(({ body }) => {
    const parsed = JSON.parse(body) as { transition: string; alert: { host: string } };
    return [parsed.alert.host, parsed.transition];
  });

async function alertsOf(tenantId: string) {
  const snapshot = await adminDb.collection(paths.alerts(tenantId)).get();
  return snapshot.docs.map((doc) => ({ id: doc.id, ...alertDoc.parse(doc.data()) }));
}

async function deliveredHosts(tenantId: string): Promise<string[]> {
  const snapshot = await adminDb.collection(paths.deliveries(tenantId)).get();
  return snapshot.docs.map((doc) => deliveryDoc.parse(doc.data()).alert.host).sort();
}

const maintenanceOfTenant = async (tenantId: string) => tenantDoc.parse((await adminDb.doc(paths.tenant(tenantId)).get()).data()).maintenance;

describe('maintenance windows', SPEC_TIMEOUT, () => {
  it('a window scheduled by an operator holds back a new alert and its notification; the host beside it, and the same host once cancelled, alert and notify', async () => {
    const { tenantId, key, hook, command } = await watchedTenant();
    const start = Date.now();
    const scheduled = await command({ kind: 'schedule-maintenance', windowId: 'mw-1', host: 'maint-01', start, end: start + HOUR, note: 'kernel upgrade' });
    expect(scheduled).toMatchObject({ status: 'applied', previous: null });
    expect(await maintenanceOfTenant(tenantId)).toEqual({ 'mw-1': expect.objectContaining({ host: 'maint-01', start, end: start + HOUR, note: 'kernel upgrade' }) });

    // The held host's batch commits first; the control's notification arriving proves the pipeline ran behind it.
    expect((await postBatch(key, { events: [metric('maint-01', 'cpu', 99)] })).status).toBe(200);
    expect((await postBatch(key, { events: [metric('control-01', 'cpu', 99)] })).status).toBe(200);
    await expect.poll(() => hostsNotified(hook), { timeout: DELIVERY_TIMEOUT_MS }).toEqual([['control-01', 'opened']]);
    expect((await alertsOf(tenantId)).map(({ host }) => host)).toEqual(['control-01']);
    expect(await deliveredHosts(tenantId)).toEqual(['control-01']);

    // Cancelled, the window holds nothing: the same host's next batch alerts and notifies.
    expect(await command({ kind: 'cancel-maintenance', windowId: 'mw-1' })).toMatchObject({ status: 'applied', previous: expect.objectContaining({ host: 'maint-01' }) });
    expect(await maintenanceOfTenant(tenantId)).toEqual({});
    await postBatch(key, { events: [metric('maint-01', 'cpu', 99)] });
    await expect.poll(() => hostsNotified(hook).sort(), { timeout: DELIVERY_TIMEOUT_MS }).toEqual([['control-01', 'opened'], ['maint-01', 'opened']]);
  });

  it('an alert open before the window stays open and escalates, notified to nobody, while the host beside it is notified', async () => {
    const { tenantId, key, hook, command } = await watchedTenant();
    await postBatch(key, { events: [metric('held-01', 'cpu', 85), metric('control-02', 'cpu', 85)] });
    await expect.poll(() => hostsNotified(hook).sort(), { timeout: DELIVERY_TIMEOUT_MS }).toEqual([['control-02', 'opened'], ['held-01', 'opened']]);

    const start = Date.now();
    expect(await command({ kind: 'schedule-maintenance', windowId: 'mw-held', host: 'held-01', start, end: start + HOUR, note: '' })).toMatchObject({ status: 'applied' });
    await postBatch(key, { events: [metric('held-01', 'cpu', 97)] });
    await postBatch(key, { events: [metric('control-02', 'cpu', 97)] });
    await expect.poll(() => hostsNotified(hook).length, { timeout: DELIVERY_TIMEOUT_MS }).toBe(3);
    expect(hostsNotified(hook)[2]).toEqual(['control-02', 'escalated']);
    expect((await alertsOf(tenantId)).find(({ host }) => host === 'held-01')).toMatchObject({ state: 'open', level: 'critical' });
    expect(await deliveredHosts(tenantId)).toEqual(['control-02', 'control-02', 'held-01']);
  });

  it('the sweep opens no no-data alert for a silent host under maintenance, and does for the host beside it', async () => {
    const now = Date.now();
    const window: MaintenanceWindow = { host: 'quiet-held', start: now - HOUR, end: now + HOUR, note: '', createdBy: 'uid-test' };
    const { tenantId, key } = await ingestTenant({ staleAfterSeconds: 60, maintenance: { 'mw-quiet': window } });
    await postBatch(key, { events: [metric('quiet-held', 'cpu', 10, now - 90_000), metric('quiet-control', 'cpu', 10, now - 90_000)] });

    await sweepTenant(tenantId, (await adminDb.doc(paths.tenant(tenantId)).get()).data(), Date.now());
    expect((await alertsOf(tenantId)).map(({ host, metric: name }) => [host, name])).toEqual([['quiet-control', 'no-data']]);
  });
});
