import { describe, expect, it } from 'vitest';
import { httpsCallable } from 'firebase/functions';
import { createIngestKeyResponse, KEY_USE_RESOLUTION_MS, keyDoc, keyUseMinute, paths } from '@pulseboard/contracts';
import { adminDb } from '../../../testkit/admin';
import { auditLogOf } from '../../support/audit-log';
import { createTenant, createUser, uniqueTenantId } from '../../../testkit/tenant-fixture';
import { signedInClient, type WebClient } from '../../../testkit/web-client';
import { metric, postBatch } from '../ingest/ingest-fixture';

async function signedInAs(tenantId: string, role: 'viewer' | 'operator' | 'admin'): Promise<WebClient> {
  const user = await createUser({ [tenantId]: role });
  return signedInClient(user.email, user.password);
}

const callable = (client: WebClient, name: string) => (data: unknown) =>
  httpsCallable(client.functions, name)(data).then(({ data: answer }) => answer);

const keyOf = async (tenantId: string, keyId: string) => keyDoc.parse((await adminDb.doc(paths.key(tenantId, keyId)).get()).data());
const sample = () => ({ events: [metric('web-01', 'cpu', 1)] });

/** Waits until at least `seconds` remain of the current minute, so two posts fall in the same minute. */
async function earlyInAMinute(seconds: number): Promise<void> {
  const left = KEY_USE_RESOLUTION_MS - (Date.now() % KEY_USE_RESOLUTION_MS);
  if (left < seconds * 1000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

describe("an ingest key's last use", () => {
  it('is recorded to the minute by a batch that was taken, once a minute, and never by a refused one', async () => {
    const tenantId = uniqueTenantId('keyuse');
    await createTenant(tenantId);
    const admin = await signedInAs(tenantId, 'admin');
    try {
      const { keyId, secret } = createIngestKeyResponse.parse(await callable(admin, 'createIngestKey')({ tenantId, label: 'edge' }));
      expect((await postBatch(secret, { events: 'not a list' })).status).toBe(400);
      expect((await keyOf(tenantId, keyId)).lastUsedAt).toBeUndefined();

      await earlyInAMinute(20);
      const before = keyUseMinute(Date.now());
      expect((await postBatch(secret, sample())).status).toBe(200);
      expect((await keyOf(tenantId, keyId)).lastUsedAt).toBe(before);
      const written = (await adminDb.doc(paths.key(tenantId, keyId)).get()).updateTime;

      await Promise.all([postBatch(secret, sample()), postBatch(secret, sample())]);
      expect(keyUseMinute(Date.now())).toBe(before);
      expect((await adminDb.doc(paths.key(tenantId, keyId)).get()).updateTime).toEqual(written);
    } finally {
      await admin.close();
    }
  }, 90_000);
});

describe('rotateIngestKey', () => {
  it('mints a successor with the label, keeps the old key live until revoked, and logs key.rotate', async () => {
    const tenantId = uniqueTenantId('rotate');
    await createTenant(tenantId);
    const admin = await signedInAs(tenantId, 'admin');
    try {
      const old = createIngestKeyResponse.parse(await callable(admin, 'createIngestKey')({ tenantId, label: 'edge agents' }));
      const successor = createIngestKeyResponse.parse(await callable(admin, 'rotateIngestKey')({ tenantId, keyId: old.keyId }));

      expect(successor.secret).not.toBe(old.secret);
      expect(await keyOf(tenantId, successor.keyId)).toMatchObject({ label: 'edge agents', revokedAt: null });
      expect(await keyOf(tenantId, old.keyId)).toMatchObject({ revokedAt: null, replacedBy: successor.keyId });
      expect((await postBatch(old.secret, sample())).status).toBe(200);
      expect((await postBatch(successor.secret, sample())).status).toBe(200);

      const rotations = (await auditLogOf(tenantId)).filter((entry) => entry.action === 'key.rotate');
      const oldPrefix = (await keyOf(tenantId, old.keyId)).prefix;
      const newPrefix = (await keyOf(tenantId, successor.keyId)).prefix;
      expect(rotations.map(({ target, oldValue, newValue }) => ({ target, oldValue, newValue }))).toEqual([
        {
          target: old.keyId,
          oldValue: { keyId: old.keyId, label: 'edge agents', prefix: oldPrefix },
          newValue: { keyId: successor.keyId, label: 'edge agents', prefix: newPrefix },
        },
      ]);

      await expect(callable(admin, 'rotateIngestKey')({ tenantId, keyId: old.keyId })).rejects.toMatchObject({ code: 'functions/failed-precondition' });
      await callable(admin, 'revokeIngestKey')({ tenantId, keyId: old.keyId });
      expect((await postBatch(old.secret, sample())).status).toBe(401);
      expect((await postBatch(successor.secret, sample())).status).toBe(200);
    } finally {
      await admin.close();
    }
  });

  it('refuses a revoked key, an unknown key and a malformed request, writing nothing', async () => {
    const tenantId = uniqueTenantId('rotate');
    await createTenant(tenantId);
    const admin = await signedInAs(tenantId, 'admin');
    try {
      const { keyId } = createIngestKeyResponse.parse(await callable(admin, 'createIngestKey')({ tenantId, label: 'old' }));
      await callable(admin, 'revokeIngestKey')({ tenantId, keyId });
      const rotate = callable(admin, 'rotateIngestKey');
      await expect(rotate({ tenantId, keyId })).rejects.toMatchObject({ code: 'functions/failed-precondition' });
      await expect(rotate({ tenantId, keyId: 'no-such-key' })).rejects.toMatchObject({ code: 'functions/not-found' });
      await expect(rotate({ tenantId, keyId: '../x' })).rejects.toMatchObject({ code: 'functions/invalid-argument' });
      expect((await adminDb.collection(paths.keys(tenantId)).get()).size).toBe(1);
    } finally {
      await admin.close();
    }
  });

  it.each(['viewer', 'operator'] as const)('a %s cannot rotate a key', async (role) => {
    const tenantId = uniqueTenantId('rotate');
    await createTenant(tenantId);
    const admin = await signedInAs(tenantId, 'admin');
    const member = await signedInAs(tenantId, role);
    try {
      const { keyId } = createIngestKeyResponse.parse(await callable(admin, 'createIngestKey')({ tenantId, label: 'edge' }));
      await expect(callable(member, 'rotateIngestKey')({ tenantId, keyId })).rejects.toMatchObject({ code: 'functions/permission-denied' });
      expect((await adminDb.collection(paths.keys(tenantId)).get()).size).toBe(1);
    } finally {
      await Promise.all([admin.close(), member.close()]);
    }
  });
});
