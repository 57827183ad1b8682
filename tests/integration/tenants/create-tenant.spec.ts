import { describe, expect, it } from 'vitest';
import { httpsCallable } from 'firebase/functions';
import { doc, getDoc } from 'firebase/firestore';
import { createTenantResponse, DEFAULT_TENANT_SETTINGS, paths, TENANTS_PER_USER } from '@pulseboard/contracts';
import { adminAuth, adminDb } from '../../../testkit/admin';
import { auditLogOf } from '../../support/audit-log';
import { createTenant as seedTenant, createUser, uniqueTenantId } from '../../../testkit/tenant-fixture';
import type { WebClient } from '../../../testkit/web-client';
import { clientsClosedAfterEach } from '../../support/clients-closed-after-each';

const clientOf = clientsClosedAfterEach();

function createTenant(client: WebClient, data: unknown) {
  return httpsCallable(client.functions, 'createTenant')(data).then(({ data: answer }) => createTenantResponse.parse(answer));
}

describe('createTenant', () => {
  it('a user with no tenant creates one: default settings, admin by member document and claim, two audit entries', async () => {
    const user = await createUser({});
    const client = await clientOf(user);
    const tenantId = uniqueTenantId('new');

    expect(await createTenant(client, { tenantId, name: '  Newco  ' })).toEqual({ tenantId, name: 'Newco' });

    const tenant = (await adminDb.doc(paths.tenant(tenantId)).get()).data();
    expect(tenant).toMatchObject({ name: 'Newco', ...DEFAULT_TENANT_SETTINGS, createdBy: user.uid });
    expect((await adminDb.doc(paths.member(tenantId, user.uid)).get()).data()).toMatchObject({ email: user.email, role: 'admin' });
    expect((await adminAuth.getUser(user.uid)).customClaims).toEqual({ tenants: { [tenantId]: 'admin' } });
    const audit = await auditLogOf(tenantId);
    expect(audit).toHaveLength(2);
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: user.uid, action: 'tenant.create', target: tenantId, oldValue: null, newValue: { name: 'Newco' } }),
        expect.objectContaining({ actor: user.uid, action: 'member.role', target: user.email, oldValue: null, newValue: 'admin' }),
      ]),
    );
    // The same session reads its new tenant under the rules once its token is refreshed.
    await client.auth.currentUser?.getIdToken(true);
    expect((await getDoc(doc(client.db, paths.tenant(tenantId)))).get('name')).toBe('Newco');
  });

  it("a member of another tenant cannot take an existing tenant's id: already-exists, nothing changes", async () => {
    const taken = uniqueTenantId('taken');
    await seedTenant(taken, { name: 'Original' });
    const before = (await adminDb.doc(paths.tenant(taken)).get()).data();
    const user = await createUser({ [uniqueTenantId('mine')]: 'admin' });

    await expect(createTenant(await clientOf(user), { tenantId: taken, name: 'Hijack' })).rejects.toMatchObject({
      code: 'functions/already-exists',
      message: `The workspace id ${taken} is taken: choose another.`,
    });
    expect((await adminDb.doc(paths.tenant(taken)).get()).data()).toEqual(before);
    expect((await adminDb.doc(paths.member(taken, user.uid)).get()).exists).toBe(false);
    expect(await auditLogOf(taken)).toEqual([]);
  });

  it('its creator, removed by another admin, cannot make themselves admin again by creating it again', async () => {
    const user = await createUser({});
    const client = await clientOf(user);
    const tenantId = uniqueTenantId('again');
    await createTenant(client, { tenantId, name: 'Again' });
    const other = await createUser({ [tenantId]: 'admin' });
    await adminDb.doc(paths.member(tenantId, user.uid)).delete();

    await expect(createTenant(client, { tenantId, name: 'Again' })).rejects.toMatchObject({ code: 'functions/already-exists' });
    expect((await adminDb.doc(paths.member(tenantId, user.uid)).get()).exists).toBe(false);
    expect((await adminDb.doc(paths.member(tenantId, other.uid)).get()).get('role')).toBe('admin');
  });

  it(`refuses a user's workspace beyond the limit (${TENANTS_PER_USER}) and writes nothing`, async () => {
    const client = await clientOf(await createUser({}));
    for (let index = 0; index < TENANTS_PER_USER; index += 1) await createTenant(client, { tenantId: uniqueTenantId('many'), name: `Team ${index}` });
    const extra = uniqueTenantId('many');
    await expect(createTenant(client, { tenantId: extra, name: 'One too many' })).rejects.toMatchObject({ code: 'functions/failed-precondition' });
    expect((await adminDb.doc(paths.tenant(extra)).get()).exists).toBe(false);
  });

  it.each([
    ['an upper-case id', { tenantId: 'Acme', name: 'Acme' }],
    ['an id with a slash', { tenantId: 'a/b', name: 'x' }],
    ['an id of 41 characters', { tenantId: 'a'.repeat(41), name: 'x' }],
    ['a blank name', { tenantId: 'blank-name', name: '   ' }],
    ['an unknown field', { tenantId: 'extra-field', name: 'x', plan: 'free' }],
    ['no object at all', 'acme'],
  ])('refuses %s as invalid-argument', async (_name, data) => {
    const client = await clientOf(await createUser({}));
    await expect(createTenant(client, data)).rejects.toMatchObject({ code: 'functions/invalid-argument' });
    if (typeof data === 'object' && /^[a-z0-9-]+$/.test(data.tenantId)) {
      expect((await adminDb.doc(paths.tenant(data.tenantId)).get()).exists).toBe(false);
    }
  });

  it('refuses a signed-out caller', async () => {
    const client = await clientOf(await createUser({}));
    await client.auth.signOut();
    await expect(createTenant(client, { tenantId: uniqueTenantId('anon'), name: 'x' })).rejects.toMatchObject({ code: 'functions/unauthenticated' });
  });
});
