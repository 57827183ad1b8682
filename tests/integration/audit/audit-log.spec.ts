import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpsCallable } from 'firebase/functions';
import { addDoc, collection, serverTimestamp, Timestamp } from 'firebase/firestore';
import { createIngestKeyResponse, hostDoc, paths, type CommandPayload } from '@pulseboard/contracts';
import { adminDb } from '../../../testkit/admin';
import { auditLogOf } from '../../support/audit-log';
import { createTenant, createUser, uniqueTenantId, type TestUser } from '../../../testkit/tenant-fixture';
import { signedInClient, type WebClient } from '../../../testkit/web-client';

const SETTLE_TIMEOUT_MS = 15_000;
const randomEmail = () => `audited-${crypto.randomUUID().slice(0, 8)}@test.pulseboard.dev`;

let tenantId: string;
let admin: TestUser;
let client: WebClient;

beforeAll(async () => {
  tenantId = uniqueTenantId('audit');
  await createTenant(tenantId);
  admin = await createUser({ [tenantId]: 'admin' });
  client = await signedInClient(admin.email, admin.password);
});

afterAll(async () => {
  await client?.close();
});

const call = (name: string, data: unknown) => httpsCallable(client.functions, name)(data).then(({ data: answer }) => answer);

/** The entries that name this target, oldest first. */
const entriesFor = async (target: string) => (await auditLogOf(tenantId)).filter((entry) => entry.target === target);

async function settled(payload: CommandPayload): Promise<string> {
  const ref = await addDoc(collection(client.db, paths.commands(tenantId)), {
    payload,
    requestedBy: admin.uid,
    requestedAt: serverTimestamp(),
    clickedAt: Timestamp.now(),
    status: 'pending',
  });
  await expect.poll(async () => (await adminDb.doc(ref.path).get()).get('status'), { timeout: SETTLE_TIMEOUT_MS }).not.toBe('pending');
  return ref.id;
}

describe('audit log', () => {
  it('setMemberRole: an invite, a promotion and a removal, each with the actor, old and new role', async () => {
    const email = randomEmail();
    await call('setMemberRole', { tenantId, email, role: 'viewer' });
    await call('setMemberRole', { tenantId, email, role: 'operator' });
    await call('setMemberRole', { tenantId, email, role: 'operator' });
    await call('setMemberRole', { tenantId, email, role: null });

    const entries = await entriesFor(email);
    expect(entries.map(({ actor, action, oldValue, newValue }) => ({ actor, action, oldValue, newValue }))).toEqual([
      { actor: admin.uid, action: 'member.role', oldValue: null, newValue: 'viewer' },
      { actor: admin.uid, action: 'member.role', oldValue: 'viewer', newValue: 'operator' },
      { actor: admin.uid, action: 'member.role', oldValue: 'operator', newValue: null },
    ]);
    expect(entries.every((entry) => entry.outcome === null && Math.abs(entry.at - Date.now()) < 60_000)).toBe(true);
  });

  it('a refused act writes no entry: demoting the last admin', async () => {
    const before = (await auditLogOf(tenantId)).length;
    await expect(call('setMemberRole', { tenantId, email: admin.email, role: 'viewer' })).rejects.toMatchObject({
      code: 'functions/failed-precondition',
    });
    expect(await auditLogOf(tenantId)).toHaveLength(before);
  });

  it('createIngestKey and revokeIngestKey: the key id, its label and prefix, and the revocation time', async () => {
    const { keyId, secret } = createIngestKeyResponse.parse(await call('createIngestKey', { tenantId, label: 'edge' }));
    const { revokedAt } = (await call('revokeIngestKey', { tenantId, keyId })) as { revokedAt: number };
    await call('revokeIngestKey', { tenantId, keyId });

    const prefix = (await adminDb.doc(paths.key(tenantId, keyId)).get()).get('prefix') as string;
    expect(secret.startsWith(prefix)).toBe(true);
    expect((await entriesFor(keyId)).map(({ actor, action, oldValue, newValue }) => ({ actor, action, oldValue, newValue }))).toEqual([
      { actor: admin.uid, action: 'key.create', oldValue: null, newValue: { label: 'edge', prefix } },
      { actor: admin.uid, action: 'key.revoke', oldValue: { label: 'edge', revokedAt: null }, newValue: { label: 'edge', revokedAt } },
    ]);
  });

  it('applyCommand: an applied threshold with the levels it replaced, a rejected one with the reason', async () => {
    const host = `host-${crypto.randomUUID().slice(0, 8)}`;
    await adminDb.doc(paths.host(tenantId, host)).set(
      hostDoc.parse({ host, lastSeen: Date.now(), metrics: {}, recentErrors: [], thresholds: { cpu: { warning: 70, critical: 90 } } }),
    );
    const applied = await settled({ kind: 'set-threshold', host, metric: 'cpu', levels: { warning: 60, critical: 80 } });
    await settled({ kind: 'set-threshold', host, metric: 'cpu', levels: { warning: 95, critical: 80 } });

    const entries = await entriesFor(`${host}/cpu`);
    expect(entries).toMatchObject([
      { actor: admin.uid, action: 'command.set-threshold', oldValue: { warning: 70, critical: 90 }, newValue: { warning: 60, critical: 80 }, outcome: { status: 'applied', reason: null } },
      { actor: admin.uid, action: 'command.set-threshold', oldValue: null, newValue: { warning: 95, critical: 80 }, outcome: { status: 'rejected' } },
    ]);
    expect((await adminDb.doc(paths.auditEntry(tenantId, `command-${applied}`)).get()).exists).toBe(true);
  });
});
