import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldValue, Timestamp } from 'firebase-admin/firestore';
import { addDoc, collection, serverTimestamp, Timestamp as ClientTimestamp } from 'firebase/firestore';
import { paths, tenantDoc, type TenantSettings } from '@pulseboard/contracts';
import { adminDb } from '../../../testkit/admin';
import { createTenant, createUser, uniqueTenantId, type TestUser } from '../../../testkit/tenant-fixture';
import { signedInClient, type WebClient } from '../../../testkit/web-client';

const SETTLE_TIMEOUT_MS = 15_000;
const tenantId = uniqueTenantId('settings');
const INITIAL: TenantSettings = {
  name: 'Before Corp',
  thresholds: { cpu: { warning: 80, critical: 95 }, errors: { warning: 5, critical: 20 } },
  sustainSeconds: 0,
  staleAfterSeconds: 30,
};
const CHANGED: TenantSettings = {
  name: 'After Corp',
  // A metric the code has never heard of, one named like an Object.prototype member, and cpu gone.
  thresholds: { disk_used: { warning: 70, critical: 90 }, constructor: { warning: 1, critical: 2 }, errors: { warning: 3, critical: 10 } },
  sustainSeconds: 45,
  staleAfterSeconds: 120,
};

let admin: TestUser;
let client: WebClient;

const tenantNow = async () => tenantDoc.parse((await adminDb.doc(paths.tenant(tenantId)).get()).data());

/** Sends the settings as the admin's web app does, under the rules, and waits for the function's answer. */
async function settle(settings: TenantSettings): Promise<{ id: string; outcome: Record<string, unknown> }> {
  const ref = await addDoc(collection(client.db, paths.commands(tenantId)), {
    payload: { kind: 'set-tenant-settings', settings },
    requestedBy: admin.uid,
    requestedAt: serverTimestamp(),
    clickedAt: ClientTimestamp.now(),
    status: 'pending',
  });
  return { id: ref.id, outcome: await settledData(ref.path) };
}

async function settledData(path: string): Promise<Record<string, unknown>> {
  let data: Record<string, unknown> | undefined;
  await expect
    .poll(async () => (data = (await adminDb.doc(path).get()).data())?.['status'], { timeout: SETTLE_TIMEOUT_MS })
    .not.toBe('pending');
  return data ?? {};
}

const auditEntryOf = async (commandId: string) => (await adminDb.doc(paths.auditEntry(tenantId, `command-${commandId}`)).get()).data();

beforeAll(async () => {
  await createTenant(tenantId, INITIAL);
  admin = await createUser({ [tenantId]: 'admin' });
  client = await signedInClient(admin.email, admin.password);
});

afterAll(async () => {
  await client?.close();
});

describe('set-tenant-settings', () => {
  it('an admin replaces the settings whole, and the audit log has the old and the new value', async () => {
    const { id, outcome } = await settle(CHANGED);
    expect(outcome).toMatchObject({ status: 'applied', reason: null, previous: INITIAL });
    expect(await tenantNow()).toEqual(CHANGED);
    expect(await auditEntryOf(id)).toMatchObject({
      actor: admin.uid,
      action: 'command.set-tenant-settings',
      target: 'settings',
      oldValue: INITIAL,
      newValue: CHANGED,
      outcome: { status: 'applied', reason: null },
    });
  });

  it.each([
    ['levels not ordered', { thresholds: { disk_used: { warning: 90, critical: 70 } } }, /^disk_used: The warning level \(90\) must be below/],
    ['cpu above 100', { thresholds: { cpu: { warning: 90, critical: 101 } } }, /^cpu: Levels for cpu must be between 0 and 100/],
    ['a blank name', { name: '   ' }, /^The name must be 1 to 100 characters long/],
    ['a sustain of two hours', { sustainSeconds: 7_200 }, /^Sustain seconds must be between 0 and 3600/],
    ['stale after 5 s', { staleAfterSeconds: 5 }, /^Stale-after seconds must be between 10 and 86400/],
  ] as const)('rejects %s with the reason, changes nothing, and audits the refusal', async (_name, change, reason) => {
    const before = await tenantNow();
    const { id, outcome } = await settle({ ...before, ...change });
    expect(outcome).toMatchObject({ status: 'rejected', reason: expect.stringMatching(reason), previous: null });
    expect(await tenantNow()).toEqual(before);
    expect(await auditEntryOf(id)).toMatchObject({ oldValue: null, outcome: { status: 'rejected', reason: expect.stringMatching(reason) } });
  });

  it('rejects settings of an operator written past the rules (the rules refuse them): only admins change settings', async () => {
    const operator = await createUser({ [tenantId]: 'operator' });
    const before = await tenantNow();
    const ref = await adminDb.collection(paths.commands(tenantId)).add({
      payload: { kind: 'set-tenant-settings', settings: { ...before, name: 'Operator Corp' } },
      requestedBy: operator.uid,
      requestedAt: FieldValue.serverTimestamp(),
      clickedAt: Timestamp.now(),
      status: 'pending',
    });
    expect(await settledData(ref.path)).toMatchObject({ status: 'rejected', reason: 'The requester is no longer an admin of this tenant.' });
    expect(await tenantNow()).toEqual(before);
  });
});
