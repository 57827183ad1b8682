import { afterAll, beforeAll, describe, it } from 'vitest';
import { assertFails, assertSucceeds, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { paths, TENANT_SETTINGS_LIMITS } from '@pulseboard/contracts';
import { uniqueTenantId } from '../../../testkit/tenant-fixture';
import { clickTime, memberContext, rulesEnvironment, serverTimestamp } from './rules-env';

const tenantId = uniqueTenantId('settings-rules');

type Settings = Record<string, unknown>;

const SETTINGS: Settings = {
  name: 'Acme Corp',
  thresholds: { cpu: { warning: 80, critical: 95 }, disk_used: { warning: 70, critical: 90 } },
  sustainSeconds: 30,
  staleAfterSeconds: 60,
};

const manyThresholds = (count: number): Record<string, unknown> =>
  Object.fromEntries(Array.from({ length: count }, (_, index) => [`m${index}`, { warning: 1, critical: 2 }]));

function command(uid: string, settings: Settings, payloadExtra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    payload: { kind: 'set-tenant-settings', settings, ...payloadExtra },
    requestedBy: uid,
    requestedAt: serverTimestamp(),
    clickedAt: clickTime(),
    status: 'pending',
  };
}

let env: RulesTestEnvironment;

async function setMirror(uid: string, role: string | null): Promise<void> {
  await env.withSecurityRulesDisabled(async (admin) => {
    const ref = admin.firestore().doc(paths.member(tenantId, uid));
    await (role === null ? ref.delete() : ref.set({ email: `${uid}@test.pulseboard.dev`, role, updatedAt: 1 }));
  });
}

/** A caller whose claim and member document say these roles, creating a settings command. */
async function create(uid: string, claimed: string, mirrored: string | null, settings: Settings, payloadExtra = {}): Promise<unknown> {
  await setMirror(uid, mirrored);
  const db = memberContext(env, uid, { [tenantId]: claimed }).firestore();
  return db.collection(paths.commands(tenantId)).doc().set(command(uid, settings, payloadExtra));
}

beforeAll(async () => {
  env = await rulesEnvironment();
});

afterAll(async () => {
  await env?.cleanup();
});

describe('only admins change the tenant settings', () => {
  it('admin can create a set-tenant-settings command', async () => {
    await assertSucceeds(create('uid-admin', 'admin', 'admin', SETTINGS));
  });

  it(`admin can set default thresholds for ${TENANT_SETTINGS_LIMITS.thresholds} metrics`, async () => {
    await assertSucceeds(create('uid-admin', 'admin', 'admin', { ...SETTINGS, thresholds: manyThresholds(TENANT_SETTINGS_LIMITS.thresholds) }));
  });

  it('operator cannot create a set-tenant-settings command', async () => {
    await assertFails(create('uid-operator', 'operator', 'operator', SETTINGS));
  });

  it('viewer cannot create a set-tenant-settings command', async () => {
    await assertFails(create('uid-viewer', 'viewer', 'viewer', SETTINGS));
  });

  it('an admin demoted to operator a moment ago, before the token is refreshed, cannot', async () => {
    await assertFails(create('uid-demoted', 'admin', 'operator', SETTINGS));
  });

  it('an operator promoted to admin a moment ago, before the token is refreshed, cannot', async () => {
    await assertFails(create('uid-promoted', 'operator', 'admin', SETTINGS));
  });
});

describe('malformed settings are denied, even to an admin', () => {
  const malformed: Record<string, [Settings, Record<string, unknown>?]> = {
    [`default thresholds for ${TENANT_SETTINGS_LIMITS.thresholds + 1} metrics`]: [
      { ...SETTINGS, thresholds: manyThresholds(TENANT_SETTINGS_LIMITS.thresholds + 1) },
    ],
    'a name longer than 100 characters': [{ ...SETTINGS, name: 'n'.repeat(TENANT_SETTINGS_LIMITS.nameLength.max + 1) }],
    'a name that is not a string': [{ ...SETTINGS, name: 42 }],
    'thresholds that are a list': [{ ...SETTINGS, thresholds: [{ warning: 1, critical: 2 }] }],
    'fractional sustain seconds': [{ ...SETTINGS, sustainSeconds: 1.5 }],
    'stale-after seconds as a string': [{ ...SETTINGS, staleAfterSeconds: '60' }],
    'a missing field': [{ name: 'Acme', thresholds: {}, sustainSeconds: 30 }],
    'an extra settings field': [{ ...SETTINGS, createdBy: 'uid-admin' }],
    'an extra payload field': [SETTINGS, { host: 'web-1' }],
  };
  for (const [name, [settings, extra]] of Object.entries(malformed)) {
    it(`admin cannot create a set-tenant-settings command with ${name}`, async () => {
      await assertFails(create('uid-admin', 'admin', 'admin', settings, extra));
    });
  }
});
