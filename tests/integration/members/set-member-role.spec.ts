import { beforeAll, describe, expect, it } from 'vitest';
import { httpsCallable } from 'firebase/functions';
import { addDoc, collection, doc, serverTimestamp, setDoc, Timestamp } from 'firebase/firestore';
import { paths, type Role, type SetMemberRoleRequest, type SetMemberRoleResponse } from '@pulseboard/contracts';
import { adminAuth, adminDb } from '../../../testkit/admin';
import { createTenant, createUser, TEST_PASSWORD, uniqueTenantId, type TestUser } from '../../../testkit/tenant-fixture';
import type { WebClient } from '../../../testkit/web-client';
import { clientsClosedAfterEach } from '../../support/clients-closed-after-each';

const clientOf = clientsClosedAfterEach();

/** The member acknowledges an alert through the rules, as the app would. */
function ackAs(client: WebClient, tenantId: string, uid: string) {
  return addDoc(collection(client.db, paths.commands(tenantId)), {
    payload: { kind: 'ack-alert', alertId: 'a1' },
    requestedBy: uid,
    requestedAt: serverTimestamp(),
    clickedAt: Timestamp.now(),
    status: 'pending',
  });
}

function setMemberRole(client: WebClient, request: SetMemberRoleRequest | Record<string, unknown>) {
  return httpsCallable<unknown, SetMemberRoleResponse>(client.functions, 'setMemberRole')(request);
}

const claimsOf = async (uid: string) => (await adminAuth.getUser(uid)).customClaims?.['tenants'];
const mirrorOf = async (tenantId: string, uid: string) => (await adminDb.doc(paths.member(tenantId, uid)).get()).data();
const randomEmail = () => `nobody-${crypto.randomUUID().slice(0, 8)}@test.pulseboard.dev`;

describe('setMemberRole', () => {
  let tenantId: string;
  let otherTenantId: string;
  let admin: TestUser;

  beforeAll(async () => {
    tenantId = uniqueTenantId('members');
    otherTenantId = uniqueTenantId('members-other');
    await Promise.all([createTenant(tenantId), createTenant(otherTenantId)]);
    admin = await createUser({ [tenantId]: 'admin' });
  });

  it('admin adds a user by email, setting the claim and the member mirror', async () => {
    const newcomer = await createUser({ [otherTenantId]: 'operator' });
    const result = await setMemberRole(await clientOf(admin), { tenantId, email: newcomer.email, role: 'viewer' });
    expect(result.data).toEqual({ uid: newcomer.uid, role: 'viewer' });
    // The other tenant's membership survives.
    expect(await claimsOf(newcomer.uid)).toEqual({ [otherTenantId]: 'operator', [tenantId]: 'viewer' });
    expect(await mirrorOf(tenantId, newcomer.uid)).toMatchObject({ email: newcomer.email, role: 'viewer' });
  });

  it('admin adds a freshly signed-up user who has no custom claims yet', async () => {
    const email = randomEmail();
    const { uid } = await adminAuth.createUser({ email, password: TEST_PASSWORD });
    await setMemberRole(await clientOf(admin), { tenantId, email, role: 'operator' });
    expect((await adminAuth.getUser(uid)).customClaims).toEqual({ tenants: { [tenantId]: 'operator' } });
  });

  it('admin changes a role and then removes the member, and its overview heartbeat with it', async () => {
    const member = await createUser({ [tenantId]: 'viewer', [otherTenantId]: 'admin' });
    const client = await clientOf(admin);
    await setMemberRole(client, { tenantId, email: member.email, role: 'operator' });
    expect(await claimsOf(member.uid)).toEqual({ [tenantId]: 'operator', [otherTenantId]: 'admin' });
    expect(await mirrorOf(tenantId, member.uid)).toMatchObject({ role: 'operator' });
    // The member's open overview wrote its heartbeat, as the app does.
    await setDoc(doc((await clientOf(member)).db, paths.overviewViewer(tenantId, member.uid)), { viewedAt: serverTimestamp() });
    expect((await adminDb.doc(paths.overviewViewer(tenantId, member.uid)).get()).exists).toBe(true);

    await setMemberRole(client, { tenantId, email: member.email, role: null });
    expect(await claimsOf(member.uid)).toEqual({ [otherTenantId]: 'admin' });
    expect(await mirrorOf(tenantId, member.uid)).toBeUndefined();
    expect((await adminDb.doc(paths.overviewViewer(tenantId, member.uid)).get()).exists).toBe(false);
  });

  it('the new role reaches the rules after a token refresh, without signing out', async () => {
    const member = await createUser({ [tenantId]: 'viewer' });
    const memberClient = await clientOf(member);
    const command = () => ackAs(memberClient, tenantId, member.uid);
    await expect(command()).rejects.toMatchObject({ code: 'permission-denied' });

    await setMemberRole(await clientOf(admin), { tenantId, email: member.email, role: 'operator' });
    const refreshed = await memberClient.auth.currentUser?.getIdTokenResult(true);
    expect(refreshed?.claims['tenants']).toEqual({ [tenantId]: 'operator' });
    await expect(command()).resolves.toBeDefined();
  });

  it.each<[string, Role]>([
    ['an operator', 'operator'],
    ['a viewer', 'viewer'],
  ])('%s of the tenant cannot manage members', async (_name, role) => {
    const caller = await createUser({ [tenantId]: role });
    const target = await createUser({});
    await expect(setMemberRole(await clientOf(caller), { tenantId, email: target.email, role: 'admin' })).rejects.toMatchObject({
      code: 'functions/permission-denied',
    });
    expect(await claimsOf(target.uid)).toEqual({});
    expect(await mirrorOf(tenantId, target.uid)).toBeUndefined();
  });

  it('an admin of another tenant cannot manage this one', async () => {
    const outsider = await createUser({ [otherTenantId]: 'admin' });
    await expect(setMemberRole(await clientOf(outsider), { tenantId, email: outsider.email, role: 'admin' })).rejects.toMatchObject({
      code: 'functions/permission-denied',
    });
    expect(await claimsOf(outsider.uid)).toEqual({ [otherTenantId]: 'admin' });
  });

  it('an admin demoted moments ago is refused even while their token still says admin', async () => {
    const demoted = await createUser({ [tenantId]: 'admin' });
    const demotedClient = await clientOf(demoted);
    await setMemberRole(await clientOf(admin), { tenantId, email: demoted.email, role: 'viewer' });
    const staleToken = await demotedClient.auth.currentUser?.getIdTokenResult();
    expect(staleToken?.claims['tenants']).toEqual({ [tenantId]: 'admin' });

    await expect(setMemberRole(demotedClient, { tenantId, email: admin.email, role: 'viewer' })).rejects.toMatchObject({
      code: 'functions/permission-denied',
    });
    expect(await claimsOf(admin.uid)).toEqual({ [tenantId]: 'admin' });
  });

  it('a signed-out caller is refused', async () => {
    const client = await clientOf(admin);
    await client.auth.signOut();
    await expect(setMemberRole(client, { tenantId, email: admin.email, role: 'viewer' })).rejects.toMatchObject({
      code: 'functions/unauthenticated',
    });
  });

  it('invites an unknown email: an account without a password, claim and mirror, and an answer shaped like any other', async () => {
    const client = await clientOf(admin);
    const known = await createUser({});
    const email = randomEmail();
    const [forKnown, forNew] = await Promise.all([
      setMemberRole(client, { tenantId, email: known.email, role: 'viewer' }),
      setMemberRole(client, { tenantId, email, role: 'viewer' }),
    ]);
    // Nothing in the answer tells whether the email had an account before.
    expect(Object.keys(forNew.data).sort()).toEqual(Object.keys(forKnown.data).sort());
    expect(forNew.data).toEqual({ uid: expect.any(String), role: 'viewer' });

    const invited = await adminAuth.getUserByEmail(email);
    expect(invited.uid).toBe(forNew.data.uid);
    expect(invited.passwordHash).toBeUndefined();
    expect(invited.customClaims).toEqual({ tenants: { [tenantId]: 'viewer' } });
    expect(await mirrorOf(tenantId, invited.uid)).toMatchObject({ email, role: 'viewer' });
  });

  it('removing an email that is not a member is not-found, whether or not it has an account, and creates none', async () => {
    const client = await clientOf(admin);
    const outsider = await createUser({ [otherTenantId]: 'viewer' });
    const unknown = randomEmail();
    for (const email of [outsider.email, unknown]) {
      await expect(setMemberRole(client, { tenantId, email, role: null })).rejects.toMatchObject({
        code: 'functions/not-found',
        message: `No member of ${tenantId} has the email ${email}.`,
      });
    }
    await expect(adminAuth.getUserByEmail(unknown)).rejects.toMatchObject({ code: 'auth/user-not-found' });
    expect(await claimsOf(outsider.uid)).toEqual({ [otherTenantId]: 'viewer' });
  });

  it('a non-admin cannot create an account by inviting an unknown email', async () => {
    const operator = await createUser({ [tenantId]: 'operator' });
    const email = randomEmail();
    await expect(setMemberRole(await clientOf(operator), { tenantId, email, role: 'viewer' })).rejects.toMatchObject({
      code: 'functions/permission-denied',
    });
    await expect(adminAuth.getUserByEmail(email)).rejects.toMatchObject({ code: 'auth/user-not-found' });
  });

  it('an admin promoted a moment ago manages members before their token says so: the mirror decides', async () => {
    const promoted = await createUser({ [tenantId]: 'viewer' });
    const promotedClient = await clientOf(promoted);
    await setMemberRole(await clientOf(admin), { tenantId, email: promoted.email, role: 'admin' });
    expect((await promotedClient.auth.currentUser?.getIdTokenResult())?.claims['tenants']).toEqual({ [tenantId]: 'viewer' });

    const target = await createUser({});
    await setMemberRole(promotedClient, { tenantId, email: target.email, role: 'viewer' });
    expect(await claimsOf(target.uid)).toEqual({ [tenantId]: 'viewer' });
  });

  it.each<[string, Record<string, unknown>]>([
    ['an unknown role', { role: 'owner' }],
    ['a malformed email', { email: 'not-an-email' }],
    ['a malformed tenant id', { tenantId: 'Bad/Tenant' }],
    ['an extra field', { note: 'hi' }],
    ['a role of the wrong type', { role: 2 }],
  ])('a request with %s is invalid and changes nothing', async (_name, change) => {
    const target = await createUser({});
    const request = { tenantId, email: target.email, role: 'viewer', ...change };
    await expect(setMemberRole(await clientOf(admin), request)).rejects.toMatchObject({ code: 'functions/invalid-argument' });
    expect(await claimsOf(target.uid)).toEqual({});
  });

  describe('stale tokens', () => {
    /** An ID token's auth_time has a resolution of seconds; a revocation in the same second would not cover it. */
    const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1_100));

    it.each<[string, Role | null]>([
      ['removal', null],
      ['demotion', 'viewer'],
    ])("%s revokes the member's refresh tokens, so their sessions end", async (_name, role) => {
      const member = await createUser({ [tenantId]: 'operator' });
      const memberClient = await clientOf(member);
      const token = await memberClient.auth.currentUser?.getIdToken();
      await nextSecond();
      await setMemberRole(await clientOf(admin), { tenantId, email: member.email, role });
      await expect(adminAuth.verifyIdToken(token ?? '', true)).rejects.toMatchObject({ code: 'auth/id-token-revoked' });
    });

    it('a promotion keeps the member signed in', async () => {
      const member = await createUser({ [tenantId]: 'viewer' });
      const token = await (await clientOf(member)).auth.currentUser?.getIdToken();
      await nextSecond();
      await setMemberRole(await clientOf(admin), { tenantId, email: member.email, role: 'operator' });
      await expect(adminAuth.verifyIdToken(token ?? '', true)).resolves.toMatchObject({ uid: member.uid });
    });

    it('a removed operator cannot create a command with the token they still hold', async () => {
      const member = await createUser({ [tenantId]: 'operator' });
      const memberClient = await clientOf(member);
      await setMemberRole(await clientOf(admin), { tenantId, email: member.email, role: null });
      expect((await memberClient.auth.currentUser?.getIdTokenResult())?.claims['tenants']).toEqual({ [tenantId]: 'operator' });
      await expect(ackAs(memberClient, tenantId, member.uid)).rejects.toMatchObject({ code: 'permission-denied' });
    });
  });

  describe('claim and mirror reconcile: the mirror is the source of truth', () => {
    it("the next change repairs a claim that kept a tenant whose mirror no longer has the user", async () => {
      const gone = uniqueTenantId('members-gone');
      await createTenant(gone);
      // As a removal from `gone` whose claim step failed would leave it: a claim without a member document.
      const member = await createUser({ [tenantId]: 'operator' });
      await adminAuth.setCustomUserClaims(member.uid, { tenants: { [tenantId]: 'operator', [gone]: 'admin' } });

      await setMemberRole(await clientOf(admin), { tenantId, email: member.email, role: 'viewer' });
      expect(await claimsOf(member.uid)).toEqual({ [tenantId]: 'viewer' });
    });

    it('a call that changes nothing in the mirror still repairs the claim', async () => {
      const member = await createUser({ [tenantId]: 'viewer' });
      await adminAuth.setCustomUserClaims(member.uid, { tenants: { [tenantId]: 'admin' }, beta: true });
      const before = await adminDb.doc(paths.member(tenantId, member.uid)).get();

      await setMemberRole(await clientOf(admin), { tenantId, email: member.email, role: 'viewer' });
      expect((await adminAuth.getUser(member.uid)).customClaims).toEqual({ tenants: { [tenantId]: 'viewer' }, beta: true });
      // The mirror already said viewer: it is not rewritten.
      expect((await adminDb.doc(paths.member(tenantId, member.uid)).get()).updateTime).toEqual(before.updateTime);
    });
  });

  describe('last admin', () => {
    it('the only admin cannot demote or remove themselves', async () => {
      const soloTenant = uniqueTenantId('members-solo');
      await createTenant(soloTenant);
      const solo = await createUser({ [soloTenant]: 'admin' });
      const client = await clientOf(solo);
      for (const role of ['operator', null] as const) {
        await expect(setMemberRole(client, { tenantId: soloTenant, email: solo.email, role })).rejects.toMatchObject({
          code: 'functions/failed-precondition',
        });
      }
      expect(await claimsOf(solo.uid)).toEqual({ [soloTenant]: 'admin' });
      expect(await mirrorOf(soloTenant, solo.uid)).toMatchObject({ role: 'admin' });
    });

    it('of two admins racing to demote each other, exactly one succeeds', async () => {
      const pairTenant = uniqueTenantId('members-pair');
      await createTenant(pairTenant);
      const [first, second] = await Promise.all([createUser({ [pairTenant]: 'admin' }), createUser({ [pairTenant]: 'admin' })]);
      const [firstClient, secondClient] = await Promise.all([clientOf(first), clientOf(second)]);
      const results = await Promise.allSettled([
        setMemberRole(firstClient, { tenantId: pairTenant, email: second.email, role: 'viewer' }),
        setMemberRole(secondClient, { tenantId: pairTenant, email: first.email, role: 'viewer' }),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
      const admins = await adminDb.collection(paths.members(pairTenant)).where('role', '==', 'admin').get();
      expect(admins.size).toBe(1);
    });
  });
});
