import { describe, expect, it } from 'vitest';
import { httpsCallable } from 'firebase/functions';
import { createIngestKeyResponse, DEFAULT_TENANT_SETTINGS, paths } from '@pulseboard/contracts';
import { adminAuth, adminDb } from '../../../testkit/admin';
import { admin, TWO_CLI_RUNS_MS } from '../../support/admin-cli';
import { auditLogOf } from '../../support/audit-log';
import { createTenant, createUser, TEST_PASSWORD, uniqueTenantId } from '../../../testkit/tenant-fixture';
import { signedInClient } from '../../../testkit/web-client';

const bootstrap = (tenantId: string, name: string, email: string) =>
  admin('bootstrap', '--tenant', tenantId, '--name', name, '--admin', email);

const randomEmail = () => `first-admin-${crypto.randomUUID().slice(0, 8)}@test.pulseboard.dev`;

/** Everything bootstrap may write, with the documents' update times: equal states mean nothing was written. */
async function stateOf(tenantId: string, email: string) {
  const user = await adminAuth.getUserByEmail(email);
  const [tenant, member] = await Promise.all([
    adminDb.doc(paths.tenant(tenantId)).get(),
    adminDb.doc(paths.member(tenantId, user.uid)).get(),
  ]);
  return {
    tenant: { data: tenant.data(), updateTime: tenant.updateTime?.toMillis() },
    member: { data: member.data(), updateTime: member.updateTime?.toMillis() },
    claims: user.customClaims,
    tokensValidAfterTime: user.tokensValidAfterTime,
  };
}

describe('npm run admin -- bootstrap', () => {
  it('makes a tenant and its first admin from nothing; a second run changes nothing and says so', async () => {
    const tenantId = uniqueTenantId('boot');
    const email = randomEmail();

    const first = await bootstrap(tenantId, 'First Corp', email);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain(`tenant ${tenantId}: created with default settings`);
    expect(first.stdout).toContain('account created');
    expect(first.stdout).toMatch(/set a password for .*: http\S*mode=resetPassword\S*oobCode=/);

    const afterFirst = await stateOf(tenantId, email);
    expect(afterFirst.tenant.data).toEqual({ name: 'First Corp', ...DEFAULT_TENANT_SETTINGS });
    expect(afterFirst.member.data).toMatchObject({ email, role: 'admin' });
    expect(afterFirst.claims).toEqual({ tenants: { [tenantId]: 'admin' } });
    const audit = await auditLogOf(tenantId);
    // Both written in the same millisecond, maybe: compared as a set.
    expect(audit).toHaveLength(2);
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: null, action: 'tenant.bootstrap', target: tenantId, oldValue: null, newValue: { name: 'First Corp', ...DEFAULT_TENANT_SETTINGS } }),
        expect.objectContaining({ actor: null, action: 'member.role', target: email, oldValue: null, newValue: 'admin' }),
      ]),
    );

    const second = await bootstrap(tenantId, 'First Corp', email);
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(second.stdout).toContain('nothing to change: already bootstrapped');
    expect(second.stdout).not.toContain('set a password');
    expect(await stateOf(tenantId, email)).toEqual(afterFirst);
    expect(await auditLogOf(tenantId)).toEqual(audit);
  }, TWO_CLI_RUNS_MS);

  it('the admin it makes can sign in and mint an ingest key', async () => {
    const tenantId = uniqueTenantId('boot');
    const email = randomEmail();
    expect((await bootstrap(tenantId, 'Key Corp', email)).code).toBe(0);
    // What following the printed reset link does.
    await adminAuth.updateUser((await adminAuth.getUserByEmail(email)).uid, { password: TEST_PASSWORD });
    const client = await signedInClient(email, TEST_PASSWORD);
    try {
      const { data } = await httpsCallable(client.functions, 'createIngestKey')({ tenantId, label: 'first agents' });
      expect(createIngestKeyResponse.parse(data).secret.startsWith(`pbk_${tenantId}_`)).toBe(true);
    } finally {
      await client.close();
    }
  });

  it("makes an existing user admin, keeping their other tenants and repairing a claim that disagrees with the mirrors", async () => {
    const tenantId = uniqueTenantId('boot');
    const other = uniqueTenantId('boot-other');
    const user = await createUser({ [other]: 'viewer' });
    // A claim left behind: admin of a tenant whose member documents do not have this user.
    await adminAuth.setCustomUserClaims(user.uid, { tenants: { [other]: 'viewer', [uniqueTenantId('stale')]: 'admin' } });

    const run = await bootstrap(tenantId, 'Second Corp', user.email);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('account exists');
    expect(run.stdout).not.toContain('set a password');
    expect((await adminAuth.getUser(user.uid)).customClaims).toEqual({ tenants: { [other]: 'viewer', [tenantId]: 'admin' } });
  });

  it("keeps an existing tenant's settings, renames it, and fills in the settings it lacks", async () => {
    const tenantId = uniqueTenantId('boot');
    await createTenant(tenantId, { sustainSeconds: 5 });
    await adminDb.doc(paths.tenant(tenantId)).update({ staleAfterSeconds: -1 });
    const run = await bootstrap(tenantId, 'Renamed', randomEmail());
    expect(run.stdout).toContain(`tenant ${tenantId}: updated`);
    expect((await adminDb.doc(paths.tenant(tenantId)).get()).data()).toMatchObject({
      name: 'Renamed',
      sustainSeconds: 5,
      staleAfterSeconds: DEFAULT_TENANT_SETTINGS.staleAfterSeconds,
    });
  });

  it.each<[string, string[]]>([
    ['an unknown flag', ['--force']],
    ['a malformed tenant id', ['--tenant', 'Bad/Tenant']],
  ])('%s exits 2 with one line and writes nothing', async (_name, change) => {
    const tenantId = uniqueTenantId('boot');
    const email = randomEmail();
    const args = ['bootstrap', '--tenant', tenantId, '--name', 'X', '--admin', email, ...change];
    const run = await admin(...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect((await adminDb.doc(paths.tenant(tenantId)).get()).exists).toBe(false);
    await expect(adminAuth.getUserByEmail(email)).rejects.toMatchObject({ code: 'auth/user-not-found' });
  });
});
