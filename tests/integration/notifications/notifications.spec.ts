import { afterEach, describe, expect, it } from 'vitest';
import { httpsCallable } from 'firebase/functions';
import { getFunctions } from 'firebase-admin/functions';
import { Timestamp } from 'firebase-admin/firestore';
import { getApps } from 'firebase-admin/app';
import {
  channelDoc,
  channelSettings,
  DELIVERY_HEADER,
  DELIVERY_KEEP_MS,
  deliveryDoc,
  FUNCTIONS_REGION,
  mailDoc,
  NOTIFICATION_LIMITS,
  paths,
  reminderDeliveryId,
  saveNotificationChannelResponse,
  SIGNATURE_HEADER,
  type DeliveryDoc,
  type DeliveryTask,
} from '@pulseboard/contracts';
import { sweepTenant } from '../../../functions/src/alerts/sweep-tenant';
import { storeChannel } from '../../../functions/src/notifications/save-notification-channel';
import { adminDb } from '../../../testkit/admin';
import { createUser } from '../../../testkit/tenant-fixture';
import type { WebClient } from '../../../testkit/web-client';
import { clientsClosedAfterEach } from '../../support/clients-closed-after-each';
import { ingestTenant, metric, postBatch } from '../ingest/ingest-fixture';
import { startReceiver, verifySignature, type Reply, type WebhookReceiver } from '../../../testkit/webhook-receiver';
import { DELIVERY_TIMEOUT_MS } from '../../support/delivery-timeout';

const SPEC_TIMEOUT = { timeout: 2 * DELIVERY_TIMEOUT_MS };
const clientOf = clientsClosedAfterEach();
const receivers: WebhookReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

async function receiver(script: Reply[] = []): Promise<WebhookReceiver> {
  const started = await startReceiver(script);
  receivers.push(started);
  return started;
}

async function memberOf(tenantId: string, role: 'viewer' | 'operator' | 'admin'): Promise<WebClient> {
  return clientOf(await createUser({ [tenantId]: role }));
}

function call(client: WebClient, name: string, data: unknown): Promise<unknown> {
  return httpsCallable(client.functions, name)(data).then(({ data: answer }) => answer);
}

async function saveChannel(client: WebClient, data: unknown) {
  return saveNotificationChannelResponse.parse(await call(client, 'saveNotificationChannel', data));
}

async function deliveriesOf(tenantId: string): Promise<Array<DeliveryDoc & { id: string }>> {
  const snapshot = await adminDb.collection(paths.deliveries(tenantId)).get();
  return snapshot.docs.map((doc) => ({ id: doc.id, ...deliveryDoc.parse(doc.data()) }));
}

/** A tenant with an ingest key, its admin, and a webhook channel to `url` with these filters. */
async function webhookTenant(url: string, filters: Record<string, unknown> = {}) {
  const { tenantId, key } = await ingestTenant();
  const admin = await memberOf(tenantId, 'admin');
  const { channelId, secret } = await saveChannel(admin, { tenantId, channel: { type: 'webhook', label: 'ops', url, ...filters } });
  if (secret === undefined) throw new Error('a new webhook channel answers its secret');
  return { tenantId, key, admin, channelId, secret };
}

/** A warning-level cpu alert on the host, opened by an ordinary batch. */
function openWarning(key: string, host = 'web-01') {
  return postBatch(key, { events: [metric(host, 'cpu', 85)] });
}

function settledStatus(tenantId: string) {
  return async () => (await deliveriesOf(tenantId)).map(({ status }) => status);
}

describe('webhook notifications', SPEC_TIMEOUT, () => {
  it('an alert opened by ingest reaches the webhook once, signed with the secret shown at creation', async () => {
    const hook = await receiver();
    const { tenantId, key, secret, channelId } = await webhookTenant(hook.url);
    expect((await openWarning(key)).status).toBe(200);

    await expect.poll(() => hook.received.length, { timeout: DELIVERY_TIMEOUT_MS }).toBe(1);
    const [request] = hook.received;
    expect(verifySignature(request?.headers[SIGNATURE_HEADER.toLowerCase()] as string, request?.body ?? '', secret)).toBe(true);
    expect(verifySignature(request?.headers[SIGNATURE_HEADER.toLowerCase()] as string, request?.body ?? '', 'f'.repeat(64))).toBe(false);
    const body = JSON.parse(request?.body ?? '{}');
    expect(body).toMatchObject({
      tenantId,
      transition: 'opened',
      alert: { host: 'web-01', metric: 'cpu', level: 'warning', state: 'open', value: 85, threshold: 80 },
    });
    expect(body.alert.link).toContain(`tenant=${tenantId}`);

    await expect.poll(settledStatus(tenantId), { timeout: DELIVERY_TIMEOUT_MS }).toEqual(['sent']);
    const [delivery] = await deliveriesOf(tenantId);
    expect(delivery).toMatchObject({ channelId, transition: 'opened', attempts: 1, lastAnswerCode: 200 });
    // Firestore's TTL policy acts only on a Timestamp.
    const expiresAt: unknown = (await adminDb.doc(paths.delivery(tenantId, delivery?.id ?? '')).get()).get('expiresAt');
    expect(expiresAt).toBeInstanceOf(Timestamp);
    expect(delivery?.expiresAt).toBe((delivery?.createdAt ?? 0) + DELIVERY_KEEP_MS);
    expect(request?.headers[DELIVERY_HEADER.toLowerCase()]).toBe(delivery?.id);
    expect(JSON.stringify((await adminDb.doc(paths.channel(tenantId, channelId)).get()).data())).not.toContain(secret);
  });

  it('a receiver answering 503 twice then 200 gets it after retries, once, under one delivery id', async () => {
    const hook = await receiver([{ status: 503 }, { status: 503 }]);
    const { tenantId, key } = await webhookTenant(hook.url);
    await openWarning(key);

    await expect.poll(settledStatus(tenantId), { timeout: DELIVERY_TIMEOUT_MS }).toEqual(['sent']);
    expect(hook.received).toHaveLength(3);
    expect(new Set(hook.received.map(({ headers }) => headers[DELIVERY_HEADER.toLowerCase()])).size).toBe(1);
    expect((await deliveriesOf(tenantId))[0]).toMatchObject({ attempts: 3, lastAnswerCode: 200 });
  });

  it("a 429's Retry-After is honoured: no second attempt before it", async () => {
    const hook = await receiver([{ status: 429, headers: { 'Retry-After': '5' } }]);
    const { tenantId, key } = await webhookTenant(hook.url);
    await openWarning(key);

    await expect.poll(settledStatus(tenantId), { timeout: DELIVERY_TIMEOUT_MS }).toEqual(['sent']);
    const [first, second] = hook.received;
    expect(hook.received).toHaveLength(2);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(5_000);
  });

  it('a 400 fails at once with the reason; retryDelivery sends it again', async () => {
    const hook = await receiver([{ status: 400 }]);
    const { tenantId, key, admin } = await webhookTenant(hook.url);
    await openWarning(key);

    await expect.poll(settledStatus(tenantId), { timeout: DELIVERY_TIMEOUT_MS }).toEqual(['failed']);
    const [failed] = await deliveriesOf(tenantId);
    expect(failed).toMatchObject({ attempts: 1, lastAnswerCode: 400, reason: 'the receiver answered HTTP 400; not retried' });
    expect(hook.received).toHaveLength(1);

    await call(admin, 'retryDelivery', { tenantId, deliveryId: failed?.id });
    await expect.poll(settledStatus(tenantId), { timeout: DELIVERY_TIMEOUT_MS }).toEqual(['sent']);
    expect(hook.received).toHaveLength(2);
    expect((await deliveriesOf(tenantId))[0]).toMatchObject({ generation: 1, attempts: 1, lastAnswerCode: 200 });
    await expect(call(admin, 'retryDelivery', { tenantId, deliveryId: failed?.id })).rejects.toMatchObject({ code: 'functions/failed-precondition' });
  });

  it('a redelivered task for a sent delivery sends nothing', async () => {
    const hook = await receiver();
    const { tenantId, key } = await webhookTenant(hook.url);
    await openWarning(key);
    await expect.poll(settledStatus(tenantId), { timeout: DELIVERY_TIMEOUT_MS }).toEqual(['sent']);
    const [sent] = await deliveriesOf(tenantId);

    // What Cloud Tasks' at-least-once dispatch can do: the same delivery's task once more.
    const queue = getFunctions(getApps()[0]).taskQueue<DeliveryTask>(`locations/${FUNCTIONS_REGION}/functions/deliverNotification`);
    await queue.enqueue({ tenantId, deliveryId: sent?.id ?? '', generation: 0 });
    // The queue dispatches within a second; the redelivered task finds the delivery sent.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(hook.received).toHaveLength(1);
    expect((await deliveriesOf(tenantId))[0]).toEqual(sent);
  });

  it("filters keep out what a channel does not want, and each transition is its channel's own delivery", async () => {
    const critical = await receiver();
    const dbOnly = await receiver();
    const { tenantId, key, admin } = await webhookTenant(critical.url, { minLevel: 'critical' });
    const { channelId: dbChannel } = await saveChannel(admin, {
      tenantId,
      channel: { type: 'webhook', label: 'db', url: dbOnly.url, hosts: ['db-01'], transitions: ['opened', 'escalated'] },
    });

    await openWarning(key, 'web-01');
    await postBatch(key, { events: [metric('db-01', 'cpu', 97)] });
    await postBatch(key, { events: [metric('db-01', 'cpu', 10, Date.now() + 1)] });

    await expect.poll(async () => (await deliveriesOf(tenantId)).length, { timeout: DELIVERY_TIMEOUT_MS }).toBe(3);
    await expect.poll(settledStatus(tenantId), { timeout: DELIVERY_TIMEOUT_MS }).toEqual(['sent', 'sent', 'sent']);
    const deliveries = await deliveriesOf(tenantId);
    const summary = deliveries.map(({ channelId, transition, alert }) => `${channelId === dbChannel ? 'db' : 'critical'} ${transition} ${alert.host}`).sort();
    expect(summary).toEqual(['critical opened db-01', 'critical resolved db-01', 'db opened db-01']);
    expect(critical.received.map(({ body }) => JSON.parse(body).transition).sort()).toEqual(['opened', 'resolved']);
    expect(dbOnly.received).toHaveLength(1);
  });

  it('a send test reaches the receiver through the same queue', async () => {
    const hook = await receiver();
    const { tenantId, admin, channelId, secret } = await webhookTenant(hook.url, { enabled: false });
    const { deliveryId } = (await call(admin, 'sendTestNotification', { tenantId, channelId })) as { deliveryId: string };

    await expect.poll(() => hook.received.length, { timeout: DELIVERY_TIMEOUT_MS }).toBe(1);
    const [request] = hook.received;
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({ transition: 'test', alert: { host: 'pulseboard-test' } });
    expect(verifySignature(request?.headers[SIGNATURE_HEADER.toLowerCase()] as string, request?.body ?? '', secret)).toBe(true);
    expect(request?.headers[DELIVERY_HEADER.toLowerCase()]).toBe(deliveryId);
  });
});

describe('email notifications', SPEC_TIMEOUT, () => {
  it('write one document for the Trigger Email extension, under the delivery id', async () => {
    const { tenantId, key } = await ingestTenant();
    const admin = await memberOf(tenantId, 'admin');
    const saved = await saveChannel(admin, { tenantId, channel: { type: 'email', label: 'on-call', to: ['oncall@test.pulseboard.dev'] } });
    expect(saved.secret).toBeUndefined();
    await openWarning(key);

    await expect.poll(settledStatus(tenantId), { timeout: DELIVERY_TIMEOUT_MS }).toEqual(['sent']);
    const [delivery] = await deliveriesOf(tenantId);
    const mail = mailDoc.parse((await adminDb.doc(paths.mail(tenantId, delivery?.id ?? '')).get()).data());
    expect(mail.to).toEqual(['oncall@test.pulseboard.dev']);
    expect(mail.message.subject).toBe('Pulseboard: [warning] web-01 cpu opened: 85 (threshold 80)');
    const tenantMail = await adminDb.collection(paths.mailbox()).where('__name__', '>=', adminDb.doc(paths.mail(tenantId, ''))).where('__name__', '<', adminDb.doc(paths.mail(tenantId, '\uf8ff'))).get();
    expect(tenantMail.size).toBe(1);
  });
});

describe('channel callables', () => {
  it.each(['viewer', 'operator'] as const)('a %s cannot save, delete, test or retry', async (role) => {
    const { tenantId } = await ingestTenant();
    const member = await memberOf(tenantId, role);
    const channel = { type: 'webhook', label: 'x', url: 'https://hooks.example.com/' };
    for (const [name, data] of [
      ['saveNotificationChannel', { tenantId, channel }],
      ['deleteNotificationChannel', { tenantId, channelId: 'c' }],
      ['sendTestNotification', { tenantId, channelId: 'c' }],
      ['retryDelivery', { tenantId, deliveryId: 'd' }],
    ] as const) {
      await expect(call(member, name, data)).rejects.toMatchObject({ code: 'functions/permission-denied' });
    }
    expect((await adminDb.collection(paths.channels(tenantId)).get()).size).toBe(0);
  });

  it('an update keeps the secret unshown; a delete removes channel and secret, each audited', async () => {
    const { tenantId, admin, channelId } = await webhookTenant('https://hooks.example.com/a');
    const updated = await saveChannel(admin, { tenantId, channelId, channel: { type: 'webhook', label: 'renamed', url: 'https://hooks.example.com/b', minLevel: 'critical' } });
    expect(updated).toEqual({ channelId });
    expect(channelDoc.parse((await adminDb.doc(paths.channel(tenantId, channelId)).get()).data())).toMatchObject({ label: 'renamed', minLevel: 'critical' });

    await call(admin, 'deleteNotificationChannel', { tenantId, channelId });
    expect((await adminDb.doc(paths.channel(tenantId, channelId)).get()).exists).toBe(false);
    expect((await adminDb.doc(paths.channelSecret(tenantId, channelId)).get()).exists).toBe(false);
    const audit = await adminDb.collection(paths.auditLog(tenantId)).where('target', '==', channelId).get();
    expect(audit.docs.map((doc) => doc.get('action')).sort()).toEqual(['channel.create', 'channel.delete', 'channel.update']);
  });

  it('concurrent creations never pass the channel limit: exactly the free places are taken, the rest refused', async () => {
    const { tenantId } = await ingestTenant();
    const { uid: adminUid } = await createUser({ [tenantId]: 'admin' });
    const free = 2;
    const now = Date.now();
    await Promise.all(
      Array.from({ length: NOTIFICATION_LIMITS.channelsPerTenant - free }, (_, i) =>
        adminDb.doc(paths.channel(tenantId, `existing-${i}`)).set(
          channelDoc.parse({ type: 'email', label: `list ${i}`, to: ['oncall@test.pulseboard.dev'], createdAt: now, updatedAt: now, updatedBy: 'seeded' }),
        ),
      ),
    );
    // Few enough that each contended transaction commits within its 5 attempts, one winner a round.
    const racing = 4;
    // The callable's own code, run here: the Functions emulator hands concurrent calls of one
    // function to its workers one after the other, so calls through it would not race at all.
    const outcomes = await Promise.allSettled(
      Array.from({ length: racing }, (_, i) =>
        storeChannel(adminUid, { tenantId, channel: channelSettings.parse({ type: 'webhook', label: `race ${i}`, url: 'https://hooks.example.com/' }) }),
      ),
    );

    expect(outcomes.filter(({ status }) => status === 'fulfilled')).toHaveLength(free);
    const refusals = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(refusals).toHaveLength(racing - free);
    for (const refusal of refusals) expect(refusal).toMatchObject({ code: 'failed-precondition' });
    expect((await adminDb.collection(paths.channels(tenantId)).get()).size).toBe(NOTIFICATION_LIMITS.channelsPerTenant);
  });

  it('refuses a bad channel with invalid-argument and an unknown one with not-found, writing nothing', async () => {
    const { tenantId } = await ingestTenant();
    const admin = await memberOf(tenantId, 'admin');
    await expect(saveChannel(admin, { tenantId, channel: { type: 'webhook', label: 'x', url: 'http://hooks.example.com/' } })).rejects.toMatchObject({
      code: 'functions/invalid-argument',
    });
    await expect(saveChannel(admin, { tenantId, channelId: 'missing', channel: { type: 'webhook', label: 'x', url: 'https://hooks.example.com/' } })).rejects.toMatchObject({
      code: 'functions/not-found',
    });
    expect((await adminDb.collection(paths.channels(tenantId)).get()).size).toBe(0);
  });
});

describe('re-notify', SPEC_TIMEOUT, () => {
  const MINUTE = 60_000;

  /**
   * The sweeps below run minutes ahead; at the fixture's 30 s stale-after the host's alerts would
   * resolve as host-silent after 5 minutes (10 periods), so these tenants wait an hour.
   */
  async function patientTenant(url: string, filters: Record<string, unknown>) {
    const tenant = await webhookTenant(url, filters);
    await adminDb.doc(paths.tenant(tenant.tenantId)).update({ staleAfterSeconds: 3_600 });
    return tenant;
  }

  async function sweepAt(tenantId: string, now: number): Promise<void> {
    await sweepTenant(tenantId, (await adminDb.doc(paths.tenant(tenantId)).get()).data(), now);
  }

  function transitionsReceived(hook: WebhookReceiver): string[] {
    return hook.received.map(({ body }) => (JSON.parse(body) as { transition: string }).transition);
  }

  it('a critical alert left open is sent again once its period passed, under its sequence id, and a rerun sends nothing twice', async () => {
    const hook = await receiver();
    const { tenantId, key, channelId } = await patientTenant(hook.url, { metrics: ['cpu'], renotifyEveryMinutes: 5 });
    const openedAt = Date.now();
    await postBatch(key, { events: [metric('web-01', 'cpu', 99, openedAt)] });
    await expect.poll(() => transitionsReceived(hook), { timeout: DELIVERY_TIMEOUT_MS }).toEqual(['opened']);
    const [alert] = (await adminDb.collection(paths.alerts(tenantId)).get()).docs;

    await sweepAt(tenantId, openedAt + 4 * MINUTE);
    await sweepAt(tenantId, openedAt + 5.5 * MINUTE);
    await expect.poll(() => transitionsReceived(hook), { timeout: DELIVERY_TIMEOUT_MS }).toEqual(['opened', 'reminder']);
    expect(hook.received[1]?.headers[DELIVERY_HEADER.toLowerCase()]).toBe(reminderDeliveryId(alert?.id ?? '', 1, channelId));

    // The same sweep again, its stored progress lost: it plans the same reminder, which exists.
    await adminDb.doc(paths.silentHostSweep(tenantId)).delete();
    await sweepAt(tenantId, openedAt + 5.5 * MINUTE);
    await expect.poll(settledStatus(tenantId), { timeout: DELIVERY_TIMEOUT_MS }).toEqual(['sent', 'sent']);
    expect(transitionsReceived(hook)).toEqual(['opened', 'reminder']);
  });

  it('sends no reminder to a channel without a period (the default)', async () => {
    const quiet = await receiver();
    const { tenantId, key } = await patientTenant(quiet.url, { metrics: ['cpu'] });
    const openedAt = Date.now();
    await postBatch(key, { events: [metric('web-01', 'cpu', 99, openedAt)] });
    await expect.poll(() => transitionsReceived(quiet), { timeout: DELIVERY_TIMEOUT_MS }).toEqual(['opened']);

    await sweepAt(tenantId, openedAt + 9 * MINUTE);
    await expect.poll(settledStatus(tenantId), { timeout: DELIVERY_TIMEOUT_MS }).toEqual(['sent']);
    expect(transitionsReceived(quiet)).toEqual(['opened']);
  });
});
