import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldValue, Timestamp, type DocumentReference } from 'firebase-admin/firestore';
import { addDoc, collection, serverTimestamp, Timestamp as ClientTimestamp } from 'firebase/firestore';
import {
  COMMAND_DEADLINE_MS,
  COMMAND_OFFLINE_LIMIT_MS,
  HOST_THRESHOLDS_MAX,
  PROTOTYPE_MEMBER_NAMES,
  recordOf,
  hostDoc,
  paths,
  safeId,
  type AlertDoc,
  type CommandPayload,
  type HostDoc,
  type ThresholdLevels,
} from '@pulseboard/contracts';
import { adminDb } from '../../../testkit/admin';
import { createTenant, createUser, uniqueTenantId, type TestUser } from '../../../testkit/tenant-fixture';
import { signedInClient, type WebClient } from '../../../testkit/web-client';
import { settleCommand } from '../../../functions/src/commands/settle-command';

const SETTLE_TIMEOUT_MS = 15_000;
const SETTLE_POLL_MS = 100;
const LIMITS = { deadlineMs: COMMAND_DEADLINE_MS, offlineLimitMs: COMMAND_OFFLINE_LIMIT_MS };
const tenantId = uniqueTenantId('commands');
const INITIAL_CPU: ThresholdLevels = { warning: 70, critical: 90 };
let operator: TestUser;
let client: WebClient;

/** Through the contract, so fields it defaults are filled whatever ingest adds later. */
function hostFixture(host: string, overrides: Partial<HostDoc> = {}): HostDoc {
  return hostDoc.parse({ host, lastSeen: Date.now(), metrics: {}, recentErrors: [], thresholds: { cpu: INITIAL_CPU }, ...overrides });
}

function alertDoc(host: string, state: AlertDoc['state']): AlertDoc {
  const openedAt = Date.now() - 60_000;
  return {
    host,
    metric: 'cpu',
    level: 'warning',
    state,
    threshold: 70,
    peak: 88,
    lastValue: 80,
    openedAt,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    updatedAt: openedAt,
  };
}

async function seedHost(overrides: Partial<HostDoc> = {}): Promise<string> {
  const host = `host-${crypto.randomUUID().slice(0, 8)}`;
  await adminDb.doc(paths.host(tenantId, host)).set(hostFixture(host, overrides));
  return host;
}

async function seedAlert(host: string, state: AlertDoc['state']): Promise<string> {
  const alertId = `${host}_cpu_${Date.now()}`;
  await adminDb.doc(paths.alert(tenantId, alertId)).set(alertDoc(host, state));
  return alertId;
}

/** As the web app sends it: the operator's own client, under the security rules. */
async function sendCommand(payload: CommandPayload, clickedAt = Date.now()): Promise<DocumentReference> {
  const ref = await addDoc(collection(client.db, paths.commands(tenantId)), {
    payload,
    requestedBy: operator.uid,
    requestedAt: serverTimestamp(),
    clickedAt: ClientTimestamp.fromMillis(clickedAt),
    status: 'pending',
  });
  return adminDb.doc(ref.path);
}

/**
 * Resolves with the command's data once the function has settled it. Polled rather than followed
 * with the Admin SDK's onSnapshot: under load that listener was seen to stay silent for 15 s after
 * the function had logged the command settled and written it (a missed update, not a slow one).
 */
async function settled(ref: DocumentReference): Promise<Record<string, unknown>> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const data = (await ref.get()).data();
    if (data !== undefined && data['status'] !== 'pending') return data;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
  throw new Error(`${ref.path} still pending after ${SETTLE_TIMEOUT_MS} ms`);
}

const hostData = async (host: string) => (await adminDb.doc(paths.host(tenantId, host)).get()).data();
const alertData = async (alertId: string) => (await adminDb.doc(paths.alert(tenantId, alertId)).get()).data();
const threshold = (host: string, levels: ThresholdLevels | null, metric = 'cpu'): CommandPayload => ({
  kind: 'set-threshold',
  host,
  metric,
  levels,
});

beforeAll(async () => {
  await createTenant(tenantId);
  operator = await createUser({ [tenantId]: 'operator' });
  client = await signedInClient(operator.email, operator.password);
});

afterAll(async () => {
  await client.close();
});

describe('applyCommand applies', () => {
  it('set-threshold: writes the host override and records the one it replaced', async () => {
    const host = await seedHost();
    const outcome = await settled(await sendCommand(threshold(host, { warning: 60, critical: 85 })));
    expect(outcome).toMatchObject({ status: 'applied', reason: null, previous: INITIAL_CPU });
    expect(outcome['resolvedAt']).toBeInstanceOf(Timestamp);
    expect((await hostData(host))?.['thresholds']).toEqual({ cpu: { warning: 60, critical: 85 } });
  });

  it('set-threshold with null levels: removes the override, back to the tenant default', async () => {
    const host = await seedHost({ thresholds: { cpu: INITIAL_CPU, 'disk.used': { warning: 1, critical: 2 } } });
    const outcome = await settled(await sendCommand(threshold(host, null, 'disk.used')));
    expect(outcome).toMatchObject({ status: 'applied', previous: { warning: 1, critical: 2 } });
    // A dotted metric name is one map key, not a nested path.
    expect((await hostData(host))?.['thresholds']).toEqual({ cpu: INITIAL_CPU });
  });

  it('set-threshold for metrics named like Object.prototype members: each applies with no previous override', async () => {
    const host = await seedHost();
    const metrics = PROTOTYPE_MEMBER_NAMES.filter((name) => safeId.safeParse(name).success);
    const outcomes = await Promise.all(metrics.map(async (metric) => settled(await sendCommand(threshold(host, { warning: 1, critical: 2 }, metric)))));
    expect(outcomes.map((outcome) => outcome['status'])).toEqual(metrics.map(() => 'applied'));
    expect(outcomes.map((outcome) => outcome['previous'])).toEqual(metrics.map(() => null));
    expect(Object.keys((await hostData(host))?.['thresholds'] ?? {}).sort()).toEqual(['cpu', ...metrics].sort());
  });

  it('silence-host: sets silencedUntil and records the previous one', async () => {
    const host = await seedHost();
    const until = Date.now() + 3_600_000;
    const outcome = await settled(await sendCommand({ kind: 'silence-host', host, until }));
    expect(outcome).toMatchObject({ status: 'applied', previous: null });
    expect((await hostData(host))?.['silencedUntil']).toBe(until);
  });

  it('ack-alert: an open alert becomes acknowledged by the requester', async () => {
    const alertId = await seedAlert(await seedHost(), 'open');
    const outcome = await settled(await sendCommand({ kind: 'ack-alert', alertId }));
    expect(outcome).toMatchObject({ status: 'applied', previous: 'open' });
    expect(await alertData(alertId)).toMatchObject({ state: 'acknowledged', acknowledgedBy: operator.uid });
    expect((await alertData(alertId))?.['acknowledgedAt']).toEqual(expect.any(Number));
  });

  it("resolve-alert: resolves the alert and clears the host's pointer to it", async () => {
    const host = await seedHost();
    const alertId = await seedAlert(host, 'acknowledged');
    await adminDb.doc(paths.host(tenantId, host)).update({ activeAlerts: { cpu: alertId, errors: 'other-alert' } });
    const outcome = await settled(await sendCommand({ kind: 'resolve-alert', alertId }));
    expect(outcome).toMatchObject({ status: 'applied', previous: 'acknowledged' });
    expect(await alertData(alertId)).toMatchObject({ state: 'resolved', resolvedAt: expect.any(Number) });
    expect((await hostData(host))?.['activeAlerts']).toEqual({ errors: 'other-alert' });
  });

  it('resolve-alert: leaves a pointer that already names a newer alert', async () => {
    const host = await seedHost();
    const alertId = await seedAlert(host, 'open');
    await adminDb.doc(paths.host(tenantId, host)).update({ activeAlerts: { cpu: 'newer-alert' } });
    await settled(await sendCommand({ kind: 'resolve-alert', alertId }));
    expect((await hostData(host))?.['activeAlerts']).toEqual({ cpu: 'newer-alert' });
  });
});

describe('applyCommand rejects with a readable reason and changes nothing', () => {
  const cases: Array<[string, (host: string) => Promise<CommandPayload>, RegExp]> = [
    ['a host that does not exist', async () => threshold('no-such-host', { warning: 1, critical: 2 }), /Host no-such-host does not exist/],
    ['levels not ordered', async (host) => threshold(host, { warning: 90, critical: 80 }), /must be below the critical level/],
    ['cpu levels above 100', async (host) => threshold(host, { warning: 90, critical: 120 }), /between 0 and 100/],
    ['negative levels', async (host) => threshold(host, { warning: -5, critical: 10 }, 'requests'), /at least 0/],
    ['a silence that ends in the past', async (host) => ({ kind: 'silence-host', host, until: 1 }), /must end in the future/],
    ['an alert that does not exist', async () => ({ kind: 'ack-alert', alertId: 'no-such-alert' }), /Alert no-such-alert does not exist/],
    ['acknowledging an acknowledged alert', async (host) => ({ kind: 'ack-alert', alertId: await seedAlert(host, 'acknowledged') }), /Only an open alert/],
    ['resolving a resolved alert', async (host) => ({ kind: 'resolve-alert', alertId: await seedAlert(host, 'resolved') }), /already resolved/],
  ];

  for (const [name, payloadFor, reason] of cases) {
    it(name, async () => {
      const host = await seedHost();
      const payload = await payloadFor(host);
      const alertId = 'alertId' in payload ? payload.alertId : null;
      const alertBefore = alertId === null ? undefined : await alertData(alertId);
      const hostBefore = await hostData(host);

      const outcome = await settled(await sendCommand(payload));
      expect(outcome).toMatchObject({ status: 'rejected', reason: expect.stringMatching(reason), previous: null });
      expect(await hostData(host)).toEqual(hostBefore);
      if (alertId !== null) expect(await alertData(alertId)).toEqual(alertBefore);
    });
  }

  it(`a threshold for one metric more than the ${HOST_THRESHOLDS_MAX} a host may override`, async () => {
    const thresholds = recordOf(Array.from({ length: HOST_THRESHOLDS_MAX }, (_, index) => [`m${index}`, INITIAL_CPU] as const));
    const host = await seedHost({ thresholds });
    const outcome = await settled(await sendCommand(threshold(host, { warning: 1, critical: 2 }, 'one_more')));
    expect(outcome).toMatchObject({ status: 'rejected', reason: expect.stringContaining(`overrides the thresholds of ${HOST_THRESHOLDS_MAX} metrics`) });
    expect(Object.keys((await hostData(host))?.['thresholds'] ?? {})).toHaveLength(HOST_THRESHOLDS_MAX);
  });

  it('a malformed command written past the rules (Admin SDK) is rejected, not retried forever', async () => {
    const ref = await adminDb.collection(paths.commands(tenantId)).add({
      payload: { kind: 'set-threshold', host: 'h', metric: 'cpu' },
      requestedBy: 'someone',
      requestedAt: FieldValue.serverTimestamp(),
      clickedAt: Timestamp.now(),
      status: 'pending',
    });
    expect(await settled(ref)).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^Malformed command: payload/) });
  });
});

describe('applyCommand checks the requester is still a member who may command', () => {
  /**
   * A command that passed the rules a moment before its sender lost the role (the trigger runs
   * after the write): written here with the Admin SDK, as the rules would now refuse it.
   */
  async function commandOf(requester: TestUser, payload: CommandPayload): Promise<DocumentReference> {
    return adminDb.collection(paths.commands(tenantId)).add({
      payload,
      requestedBy: requester.uid,
      requestedAt: FieldValue.serverTimestamp(),
      clickedAt: Timestamp.now(),
      status: 'pending',
    });
  }

  it.each([
    ['removed', null],
    ['demoted to viewer', 'viewer'],
  ] as const)('a command from an operator %s since is rejected and changes nothing', async (_name, role) => {
    const requester = await createUser({ [tenantId]: 'operator' });
    const member = adminDb.doc(paths.member(tenantId, requester.uid));
    await (role === null ? member.delete() : member.update({ role }));
    const host = await seedHost();
    const hostBefore = await hostData(host);

    const outcome = await settled(await commandOf(requester, threshold(host, { warning: 10, critical: 20 })));
    expect(outcome).toMatchObject({ status: 'rejected', reason: 'The requester is no longer an operator or admin of this tenant.' });
    expect(await hostData(host)).toEqual(hostBefore);
  });

  it('a command from a current operator written the same way is applied', async () => {
    const requester = await createUser({ [tenantId]: 'operator' });
    const host = await seedHost();
    expect(await settled(await commandOf(requester, threshold(host, { warning: 10, critical: 20 })))).toMatchObject({ status: 'applied' });
  });
});

describe('applyCommand expiry', () => {
  it('a command that reaches the function after its deadline is expired and not applied', async () => {
    const host = await seedHost();
    const ref = await adminDb.collection(paths.commands(tenantId)).add({
      payload: threshold(host, { warning: 10, critical: 20 }),
      requestedBy: operator.uid,
      requestedAt: Timestamp.fromMillis(Date.now() - COMMAND_DEADLINE_MS - 5_000),
      clickedAt: Timestamp.fromMillis(Date.now() - COMMAND_DEADLINE_MS - 5_000),
      status: 'pending',
    });
    expect(await settled(ref)).toMatchObject({ status: 'expired', reason: expect.stringMatching(/limit is 10 s/), previous: null });
    expect((await hostData(host))?.['thresholds']).toEqual({ cpu: INITIAL_CPU });
  });

  it('a command that reaches the server after the offline limit since its click is expired and not applied', async () => {
    const host = await seedHost();
    const ref = await sendCommand(threshold(host, { warning: 10, critical: 20 }), Date.now() - COMMAND_OFFLINE_LIMIT_MS - 5_000);
    expect(await settled(ref)).toMatchObject({ status: 'expired', reason: expect.stringMatching(/^Expired while offline/), previous: null });
    expect((await hostData(host))?.['thresholds']).toEqual({ cpu: INITIAL_CPU });
  });
});

describe('applyCommand delivery', () => {
  it('redelivery of an applied command changes nothing', async () => {
    const host = await seedHost();
    const ref = await sendCommand(threshold(host, { warning: 50, critical: 60 }));
    await settled(ref);
    const [commandBefore, hostBefore] = await Promise.all([ref.get(), adminDb.doc(paths.host(tenantId, host)).get()]);
    // The host changes again after the first application: a second application would undo it.
    await adminDb.doc(paths.host(tenantId, host)).update({ 'thresholds.cpu': { warning: 1, critical: 2 } });

    // Redelivered as the trigger does (with the command as created), and called bare.
    const asCreated = { ...commandBefore.data(), status: 'pending' };
    await expect(settleCommand(tenantId, ref.id, LIMITS, asCreated)).resolves.toBeNull();
    await expect(settleCommand(tenantId, ref.id, LIMITS)).resolves.toBeNull();

    const [commandAfter, hostAfter] = await Promise.all([ref.get(), adminDb.doc(paths.host(tenantId, host)).get()]);
    expect(commandAfter.updateTime).toEqual(commandBefore.updateTime);
    expect(commandAfter.data()).toEqual(commandBefore.data());
    expect(hostAfter.get('thresholds')).toEqual({ cpu: { warning: 1, critical: 2 } });
    expect(hostBefore.get('thresholds')).toEqual({ cpu: { warning: 50, critical: 60 } });
  });

  it('concurrent commands on one host each record the value they replaced', async () => {
    const host = await seedHost();
    const requested: ThresholdLevels[] = [1, 2, 3, 4, 5].map((n) => ({ warning: n * 10, critical: n * 10 + 5 }));
    const refs = await Promise.all(requested.map((levels) => sendCommand(threshold(host, levels))));
    const outcomes = await Promise.all(refs.map(settled));

    expect(outcomes.every((outcome) => outcome['status'] === 'applied')).toBe(true);
    // The applications form one chain: initial -> a -> b -> ... -> final. Every command's
    // previous is the initial value or another command's levels, each used exactly once.
    const key = (levels: unknown) => {
      const { warning, critical } = levels as ThresholdLevels;
      return `${warning}/${critical}`;
    };
    const finalLevels = (await hostData(host))?.['thresholds']?.cpu as ThresholdLevels;
    expect(requested).toContainEqual(finalLevels);
    const expectedPrevious = [INITIAL_CPU, ...requested.filter((levels) => key(levels) !== key(finalLevels))];
    expect(outcomes.map((outcome) => key(outcome['previous'])).sort()).toEqual(expectedPrevious.map(key).sort());
  });
});
