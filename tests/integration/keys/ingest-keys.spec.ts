import { describe, expect, it } from 'vitest';
import { httpsCallable } from 'firebase/functions';
import { createIngestKeyResponse, hashIngestKey, ingestKeyHashDoc, keyDoc, paths } from '@pulseboard/contracts';
import { adminDb } from '../../../testkit/admin';
import { storedWindowAt } from '../../../testkit/host-windows';
import { createTenant, createUser, uniqueTenantId } from '../../../testkit/tenant-fixture';
import { signedInClient, type WebClient } from '../../../testkit/web-client';
import { writeIngestKey } from '../../../testkit/ingest-key';
import { ingestWrites, metric, postBatch } from '../ingest/ingest-fixture';

async function asMember<T>(tenantId: string, role: 'viewer' | 'operator' | 'admin', act: (client: WebClient) => Promise<T>): Promise<T> {
  const user = await createUser({ [tenantId]: role });
  const client = await signedInClient(user.email, user.password);
  try {
    return await act(client);
  } finally {
    await client.close();
  }
}

function mint(client: WebClient, data: unknown) {
  return httpsCallable(client.functions, 'createIngestKey')(data).then(({ data: answer }) => createIngestKeyResponse.parse(answer));
}

describe('ingest keys', () => {
  it('an admin mints a key: metadata without hash, the hash lookup, and the key opens ingest', async () => {
    const tenantId = uniqueTenantId('keys');
    await createTenant(tenantId);
    const { keyId, secret } = await asMember(tenantId, 'admin', (client) => mint(client, { tenantId, label: 'edge agents' }));

    const meta = await adminDb.doc(paths.key(tenantId, keyId)).get();
    expect(keyDoc.parse(meta.data())).toMatchObject({ label: 'edge agents', prefix: `pbk_${tenantId}_${secret.slice(-40, -36)}`, revokedAt: null });
    expect(JSON.stringify(meta.data())).not.toContain(await hashIngestKey(secret));
    const lookup = await adminDb.doc(paths.ingestKeyHash(await hashIngestKey(secret))).get();
    expect(ingestKeyHashDoc.parse(lookup.data())).toEqual({ tenantId, keyId, revokedAt: null });
    expect((await postBatch(secret, { events: [metric('web-01', 'cpu', 1)] })).status).toBe(200);
  });

  it.each(['viewer', 'operator'] as const)('a %s cannot mint or revoke keys', async (role) => {
    const tenantId = uniqueTenantId('keys');
    await createTenant(tenantId);
    await asMember(tenantId, role, async (client) => {
      await expect(mint(client, { tenantId, label: 'x' })).rejects.toMatchObject({ code: 'functions/permission-denied' });
      await expect(httpsCallable(client.functions, 'revokeIngestKey')({ tenantId, keyId: 'any' })).rejects.toMatchObject({
        code: 'functions/permission-denied',
      });
    });
    expect((await adminDb.collection(paths.keys(tenantId)).get()).size).toBe(0);
  });

  it("an admin of another tenant cannot mint this tenant's keys", async () => {
    const tenantId = uniqueTenantId('keys');
    const other = uniqueTenantId('keys');
    await Promise.all([createTenant(tenantId), createTenant(other)]);
    await asMember(other, 'admin', (client) =>
      expect(mint(client, { tenantId, label: 'x' })).rejects.toMatchObject({ code: 'functions/permission-denied' }),
    );
  });

  it.each([
    ['demoted to operator', 'operator'],
    ['removed', null],
  ] as const)('an admin %s a moment ago cannot mint or revoke keys with the token they still hold', async (_name, role) => {
    const tenantId = uniqueTenantId('keys');
    await createTenant(tenantId);
    const existing = await writeIngestKey(tenantId, 'someone');
    const keyId = (await adminDb.collection(paths.keys(tenantId)).get()).docs[0]?.id ?? '';
    await asMember(tenantId, 'admin', async (client) => {
      const uid = client.auth.currentUser?.uid ?? '';
      // What setMemberRole writes first: the member document. The token keeps saying admin.
      const member = adminDb.doc(paths.member(tenantId, uid));
      await (role === null ? member.delete() : member.update({ role }));
      expect((await client.auth.currentUser?.getIdTokenResult())?.claims['tenants']).toEqual({ [tenantId]: 'admin' });

      await expect(mint(client, { tenantId, label: 'x' })).rejects.toMatchObject({ code: 'functions/permission-denied' });
      await expect(httpsCallable(client.functions, 'revokeIngestKey')({ tenantId, keyId })).rejects.toMatchObject({
        code: 'functions/permission-denied',
      });
    });
    expect((await adminDb.collection(paths.keys(tenantId)).get()).size).toBe(1);
    expect((await postBatch(existing, { events: [metric('web-01', 'cpu', 1)] })).status).toBe(200);
  });

  it('rejects a bad request with invalid-argument', async () => {
    const tenantId = uniqueTenantId('keys');
    await createTenant(tenantId);
    await asMember(tenantId, 'admin', (client) =>
      expect(mint(client, { tenantId, label: '' })).rejects.toMatchObject({ code: 'functions/invalid-argument' }),
    );
  });

  it('a revoked key gets 401 on the very next request', async () => {
    const tenantId = uniqueTenantId('keys');
    await createTenant(tenantId);
    await asMember(tenantId, 'admin', async (client) => {
      const { keyId, secret } = await mint(client, { tenantId, label: 'to revoke' });
      expect((await postBatch(secret, { events: [metric('web-01', 'cpu', 1)] })).status).toBe(200);
      await httpsCallable(client.functions, 'revokeIngestKey')({ tenantId, keyId });
      const before = await ingestWrites(tenantId);
      const answer = await postBatch(secret, { events: [metric('web-02', 'cpu', 1)] });
      expect(answer).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
      expect(await ingestWrites(tenantId)).toEqual(before);
      expect(keyDoc.parse((await adminDb.doc(paths.key(tenantId, keyId)).get()).data()).revokedAt).not.toBeNull();
    });
  });

  it("tenant A's key with tenant B's name put in its secret opens neither", async () => {
    const [a, b] = [uniqueTenantId('keys'), uniqueTenantId('keys')];
    await Promise.all([createTenant(a), createTenant(b)]);
    const { secret } = await asMember(a, 'admin', (client) => mint(client, { tenantId: a, label: 'a' }));
    expect(secret.startsWith(`pbk_${a}_`)).toBe(true);
    const forged = secret.replace(`pbk_${a}_`, `pbk_${b}_`);
    const answer = await postBatch(forged, { events: [metric('web-01', 'cpu', 7)] });
    expect(answer).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
    expect(await ingestWrites(b)).toEqual([]);
    expect(await ingestWrites(a)).toEqual([]);
  });

  it("tenant A's key writes only tenant A, whatever the batch says", async () => {
    const [a, b] = [uniqueTenantId('keys'), uniqueTenantId('keys')];
    await Promise.all([createTenant(a), createTenant(b)]);
    const { secret } = await asMember(a, 'admin', (client) => mint(client, { tenantId: a, label: 'a' }));
    const ts = Date.now() - 1000;
    const answer = await postBatch(secret, { events: [metric('web-01', 'cpu', 7, ts)], tenantId: b });
    expect(answer.status).toBe(400);
    await postBatch(secret, { events: [metric('web-01', 'cpu', 7, ts)] });
    expect(await ingestWrites(b)).toEqual([]);
    expect(await ingestWrites(a)).toContain(paths.host(a, 'web-01'));
    expect((await storedWindowAt(a, 'web-01', '10s', ts))?.metrics['cpu']?.sum).toBe(7);
  });
});
