import { afterAll, beforeAll, describe, it } from 'vitest';
import { assertFails, assertSucceeds, type RulesTestContext, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { HOST_TABLE_PAGES, LIST_LIMITS, LIVE_SUMMARIES, paths, type Role } from '@pulseboard/contracts';
import { uniqueTenantId } from '../../../testkit/tenant-fixture';
import { clickTime, memberContext, rulesEnvironment, serverTimestamp } from './rules-env';

type Operation = 'get' | 'list' | 'create' | 'update' | 'delete';
type Actor = 'signed out' | Role | 'member of another tenant';

const ACTORS: readonly Actor[] = ['signed out', 'viewer', 'operator', 'admin', 'member of another tenant'];
const OPERATIONS: readonly Operation[] = ['get', 'list', 'create', 'update', 'delete'];
const MEMBERS: readonly Actor[] = ['viewer', 'operator', 'admin'];
const NOBODY: readonly Actor[] = [];

const tenantId = uniqueTenantId('rules');
const otherTenantId = uniqueTenantId('rules-other');
const uidOf = (actor: Actor): string => `uid-${actor.replace(/ /g, '-')}`;

interface Row {
  /** The document the row is about; `collection` is its parent, where list and create happen. */
  doc: (actor: Actor) => string;
  collection: string;
  seed: Record<string, unknown>;
  /** A document the actor could try to create: the valid shape, so only the actor decides. */
  fresh: (actor: Actor) => Record<string, unknown>;
  /** The limit a list query must carry on this collection (list-limits.spec.ts covers the bound itself). */
  listLimit?: number;
  allowed: Record<Operation, readonly Actor[]>;
}

const readOnlyForMembers = { get: MEMBERS, list: MEMBERS, create: NOBODY, update: NOBODY, delete: NOBODY };
const serverOnly = { get: NOBODY, list: NOBODY, create: NOBODY, update: NOBODY, delete: NOBODY };
const hostDoc = { host: 'web-1', lastSeen: 1, metrics: {}, recentErrors: [], thresholds: {}, silencedUntil: null };
const alertDoc = { host: 'web-1', metric: 'cpu', level: 'warning', state: 'open', threshold: 80, peak: 90, lastValue: 90 };
const webhookChannel = { type: 'webhook', label: 'ops', url: 'https://hooks.example.com/', minLevel: 'warning', transitions: ['opened'], hosts: [], metrics: [], enabled: true };
const pendingCommand = (actor: Actor): Record<string, unknown> => ({
  payload: { kind: 'ack-alert', alertId: 'alert-1' },
  requestedBy: uidOf(actor),
  requestedAt: serverTimestamp(),
  clickedAt: clickTime(),
  status: 'pending',
});

const ROWS: Record<string, Row> = {
  tenant: {
    doc: () => paths.tenant(tenantId),
    collection: paths.tenants(),
    seed: { name: 'Rules tenant', thresholds: {}, sustainSeconds: 0, staleAfterSeconds: 30 },
    fresh: () => ({ name: 'Forged tenant', thresholds: {}, sustainSeconds: 0, staleAfterSeconds: 30 }),
    // A member gets its tenant by id; listing every tenant is never allowed.
    allowed: { ...readOnlyForMembers, list: NOBODY },
  },
  hosts: {
    doc: () => paths.host(tenantId, 'web-1'),
    collection: paths.hosts(tenantId),
    seed: hostDoc,
    fresh: () => ({ ...hostDoc, host: 'forged' }),
    allowed: readOnlyForMembers,
  },
  windowChunks: {
    doc: () => paths.windowChunk(tenantId, 'web-1', '1m', 0),
    collection: paths.windowChunks(tenantId),
    seed: { host: 'web-1', resolution: '1m', start: 0, end: 600_000, expiresAt: 1, windows: [] },
    fresh: () => ({ host: 'web-1', resolution: '1m', start: 600_000, end: 1_200_000, expiresAt: 1, windows: [] }),
    listLimit: LIST_LIMITS.windowChunks,
    allowed: readOnlyForMembers,
  },
  fleetShards: {
    doc: () => paths.fleetShard(tenantId, 0),
    collection: paths.fleetShards(tenantId),
    seed: { shard: 0, windows: { '10s': [], '1m': [], '1h': [] }, hosts: {} },
    fresh: () => ({ shard: 1, windows: { '10s': [], '1m': [], '1h': [] }, hosts: {} }),
    listLimit: LIST_LIMITS.fleetShards,
    allowed: readOnlyForMembers,
  },
  fleetChunks: {
    doc: () => paths.fleetChunk(tenantId, 0, '1m', 0),
    collection: paths.fleetChunks(tenantId),
    seed: { shard: 0, resolution: '1m', start: 0, end: 600_000, expiresAt: 1, windows: [] },
    fresh: () => ({ shard: 0, resolution: '1m', start: 600_000, end: 1_200_000, expiresAt: 1, windows: [] }),
    listLimit: LIST_LIMITS.fleetChunks,
    allowed: readOnlyForMembers,
  },
  alerts: {
    doc: () => paths.alert(tenantId, 'alert-1'),
    collection: paths.alerts(tenantId),
    seed: alertDoc,
    fresh: () => alertDoc,
    listLimit: LIST_LIMITS.alerts,
    allowed: readOnlyForMembers,
  },
  commands: {
    doc: () => paths.command(tenantId, 'settled-command'),
    collection: paths.commands(tenantId),
    // Seeded already settled, so the applyCommand trigger leaves it alone.
    seed: { payload: { kind: 'ack-alert', alertId: 'alert-1' }, requestedBy: 'someone', requestedAt: 1, status: 'applied' },
    fresh: pendingCommand,
    listLimit: LIST_LIMITS.commands,
    allowed: { get: MEMBERS, list: MEMBERS, create: ['operator', 'admin'], update: NOBODY, delete: NOBODY },
  },
  'own member doc': {
    doc: (actor) => paths.member(tenantId, uidOf(actor)),
    collection: paths.members(tenantId),
    seed: { email: 'member@test.pulseboard.dev', role: 'viewer', updatedAt: 1 },
    fresh: () => ({ email: 'forged@test.pulseboard.dev', role: 'admin', updatedAt: 1 }),
    allowed: { get: MEMBERS, list: ['admin'], create: NOBODY, update: NOBODY, delete: NOBODY },
  },
  "another member's doc": {
    doc: () => paths.member(tenantId, 'uid-someone-else'),
    collection: paths.members(tenantId),
    seed: { email: 'someone@test.pulseboard.dev', role: 'operator', updatedAt: 1 },
    fresh: () => ({ email: 'forged@test.pulseboard.dev', role: 'admin', updatedAt: 1 }),
    allowed: { get: ['admin'], list: ['admin'], create: NOBODY, update: NOBODY, delete: NOBODY },
  },
  keys: {
    doc: () => paths.key(tenantId, 'key-1'),
    collection: paths.keys(tenantId),
    seed: { label: 'agents', prefix: 'pbk_12', createdAt: 1, createdBy: 'someone', revokedAt: null },
    fresh: () => ({ label: 'forged', prefix: 'pbk_34', createdAt: 1, createdBy: 'someone', revokedAt: null }),
    allowed: { get: ['admin'], list: ['admin'], create: NOBODY, update: NOBODY, delete: NOBODY },
  },
  audit: {
    doc: () => paths.auditEntry(tenantId, 'entry-1'),
    collection: paths.auditLog(tenantId),
    seed: { at: 1, actor: 'someone', action: 'key.create', target: 'key-1', oldValue: null, newValue: { label: 'agents', prefix: 'pbk_12' }, outcome: null },
    fresh: () => ({ at: 2, actor: 'someone', action: 'key.revoke', target: 'key-1', oldValue: null, newValue: null, outcome: null }),
    listLimit: LIST_LIMITS.audit,
    allowed: { get: ['admin'], list: ['admin'], create: NOBODY, update: NOBODY, delete: NOBODY },
  },
  // Both of the overview's summaries.
  ...Object.fromEntries(
    LIVE_SUMMARIES.map((summary): [string, Row] => [
      `live overview ${summary}`,
      {
        doc: () => paths.liveOverview(tenantId, summary),
        collection: paths.live(tenantId),
        seed: { foldedAt: 1, windows: [], reporting: {}, health: {}, hostCount: 0, topByCpu: [], topByErrors: [] },
        fresh: () => ({ foldedAt: 2, windows: [], reporting: {}, health: {}, hostCount: 0, topByCpu: [], topByErrors: [] }),
        allowed: { get: MEMBERS, list: NOBODY, create: NOBODY, update: NOBODY, delete: NOBODY },
      },
    ]),
  ),
  // Every page of the hosts table, and an id past them.
  ...Object.fromEntries(
    [...Array.from({ length: HOST_TABLE_PAGES }, (_, page) => page), HOST_TABLE_PAGES].map((page): [string, Row] => [
      `hosts table page ${page}`,
      {
        doc: () => paths.hostTablePage(tenantId, page),
        collection: paths.live(tenantId),
        seed: { page, hosts: { 'web-1': { lastSeen: 1, values: { cpu: 5 }, errorsPerMinute: 0, thresholds: {}, silencedUntil: null } } },
        fresh: () => ({ page, hosts: {} }),
        allowed: page < HOST_TABLE_PAGES ? { get: MEMBERS, list: NOBODY, create: NOBODY, update: NOBODY, delete: NOBODY } : serverOnly,
      },
    ]),
  ),
  // The allowed write (its own document, the server's time only) is in 'the overview viewer's heartbeat' below.
  'own overview viewer doc': {
    doc: (actor) => paths.overviewViewer(tenantId, uidOf(actor)),
    collection: paths.overviewViewers(tenantId),
    seed: { viewedAt: clickTime(1) },
    fresh: () => ({ viewedAt: serverTimestamp() }),
    allowed: serverOnly,
  },
  'live overview parts': {
    doc: () => paths.liveOverviewParts(tenantId),
    collection: paths.live(tenantId),
    seed: { settings: 'x', shards: {}, openWindows: {}, windows: [] },
    fresh: () => ({ settings: 'y', shards: {}, openWindows: {}, windows: [] }),
    allowed: serverOnly,
  },
  'fleet leaves': {
    doc: () => paths.fleetLeaf(tenantId, 130),
    collection: paths.fleetLeaves(tenantId),
    seed: { shard: 130, group: 2, windows: { '10s': [], '1m': [], '1h': [] }, hosts: {}, batchRate: { level: 1, minute: 1, count: 1, upper: 0, previous: 0, previousUpper: 0 } },
    fresh: () => ({ shard: 131, group: 3, windows: { '10s': [], '1m': [], '1h': [] }, hosts: {} }),
    allowed: serverOnly,
  },
  "fleet leaves' fold state": {
    doc: () => paths.leafFoldState(tenantId),
    collection: paths.live(tenantId),
    seed: { cutoff: 1 },
    fresh: () => ({ cutoff: 2 }),
    allowed: serverOnly,
  },
  'fleet group parts': {
    doc: () => paths.fleetGroupPartsOf(tenantId, 2),
    collection: paths.fleetGroupParts(tenantId),
    seed: { fingerprints: {}, openWindows: {} },
    fresh: () => ({ fingerprints: {}, openWindows: {} }),
    allowed: serverOnly,
  },
  otlpSeries: {
    doc: () => paths.hostOtlpSeries(tenantId, 'web-1'),
    collection: paths.otlpSeries(tenantId),
    seed: { series: { requests: { start: 1, value: 5, ts: 2 } } },
    fresh: () => ({ series: {} }),
    allowed: serverOnly,
  },
  ingestQuota: {
    doc: () => paths.ingestQuotaShard(tenantId, 'key-1', 29_923_333, 0),
    collection: paths.ingestQuota(tenantId),
    seed: { keyId: 'key-1', minute: 29_923_333, events: 8 },
    fresh: () => ({ keyId: 'key-1', minute: 29_923_333, events: 0 }),
    allowed: serverOnly,
  },
  channels: {
    doc: () => paths.channel(tenantId, 'channel-1'),
    collection: paths.channels(tenantId),
    seed: { ...webhookChannel, createdAt: 1, updatedAt: 1, updatedBy: 'someone' },
    fresh: () => ({ ...webhookChannel, url: 'https://forged.example.com/', createdAt: 1, updatedAt: 1, updatedBy: 'someone' }),
    allowed: { get: ['admin'], list: ['admin'], create: NOBODY, update: NOBODY, delete: NOBODY },
  },
  deliveries: {
    doc: () => paths.delivery(tenantId, 'delivery-1'),
    collection: paths.deliveries(tenantId),
    seed: { channelId: 'channel-1', alertId: 'alert-1', transition: 'opened', status: 'sent', attempts: 1, lastAnswerCode: 200 },
    fresh: () => ({ channelId: 'channel-1', alertId: 'alert-2', transition: 'opened', status: 'pending', attempts: 0, lastAnswerCode: null }),
    listLimit: LIST_LIMITS.deliveries,
    allowed: { get: ['admin'], list: ['admin'], create: NOBODY, update: NOBODY, delete: NOBODY },
  },
  channelSecrets: {
    doc: () => paths.channelSecret(tenantId, 'channel-1'),
    collection: paths.channelSecrets(),
    seed: { secret: 'a'.repeat(64), createdAt: 1 },
    fresh: () => ({ secret: 'b'.repeat(64), createdAt: 1 }),
    allowed: serverOnly,
  },
  mail: {
    doc: () => paths.mail(tenantId, 'delivery-1'),
    collection: paths.mailbox(),
    seed: { to: ['ops@test.pulseboard.dev'], message: { subject: 's', text: 't', html: 'h' } },
    fresh: () => ({ to: ['forged@test.pulseboard.dev'], message: { subject: 's', text: 't', html: 'h' } }),
    allowed: serverOnly,
  },
  ingestKeyHashes: {
    doc: () => paths.ingestKeyHash(`hash-${tenantId}`),
    collection: paths.ingestKeyHashes(),
    seed: { tenantId, keyId: 'key-1', revokedAt: null },
    fresh: () => ({ tenantId, keyId: 'key-2', revokedAt: null }),
    allowed: serverOnly,
  },
};

let env: RulesTestEnvironment;

function contextOf(actor: Actor): RulesTestContext {
  switch (actor) {
    case 'signed out':
      return env.unauthenticatedContext();
    case 'member of another tenant':
      return memberContext(env, uidOf(actor), { [otherTenantId]: 'admin' });
    default:
      return memberContext(env, uidOf(actor), { [tenantId]: actor });
  }
}

function attempt(row: Row, actor: Actor, operation: Operation): Promise<unknown> {
  const db = contextOf(actor).firestore();
  switch (operation) {
    case 'get':
      return db.doc(row.doc(actor)).get();
    case 'list':
      return (row.listLimit === undefined ? db.collection(row.collection) : db.collection(row.collection).limit(row.listLimit)).get();
    case 'create':
      return db.collection(row.collection).doc().set(row.fresh(actor));
    case 'update':
      return db.doc(row.doc(actor)).update({ forged: true });
    case 'delete':
      return db.doc(row.doc(actor)).delete();
  }
}

beforeAll(async () => {
  env = await rulesEnvironment();
  await env.withSecurityRulesDisabled(async (admin) => {
    const db = admin.firestore();
    for (const row of Object.values(ROWS)) {
      for (const actor of ACTORS) await db.doc(row.doc(actor)).set(row.seed);
    }
    // Claim and member document agree, as setMemberRole leaves them.
    for (const actor of MEMBERS) {
      await db.doc(paths.member(tenantId, uidOf(actor))).set({ email: `${uidOf(actor)}@test.pulseboard.dev`, role: actor, updatedAt: 1 });
    }
  });
});

afterAll(async () => {
  await env?.cleanup();
});

describe('access matrix: collection x actor x operation', () => {
  for (const [name, row] of Object.entries(ROWS)) {
    for (const actor of ACTORS) {
      for (const operation of OPERATIONS) {
        const allowed = row.allowed[operation].includes(actor);
        it(`${actor} ${allowed ? 'can' : 'cannot'} ${operation} ${name}`, async () => {
          const request = attempt(row, actor, operation);
          await (allowed ? assertSucceeds(request) : assertFails(request));
        });
      }
    }
  }
});

describe("the overview viewer's heartbeat", () => {
  const beat = (context: RulesTestContext, uid: string, data: Record<string, unknown> = { viewedAt: serverTimestamp() }) =>
    context.firestore().doc(paths.overviewViewer(tenantId, uid)).set(data);

  it('each member sets its own document to the server time, again and again', async () => {
    for (const actor of MEMBERS) {
      const context = contextOf(actor);
      await assertSucceeds(beat(context, uidOf(actor)));
      await assertSucceeds(beat(context, uidOf(actor)));
    }
  });

  it("a member cannot set another member's document", async () => {
    await assertFails(beat(contextOf('admin'), uidOf('viewer')));
  });

  it('a member cannot set a time of its own or another field', async () => {
    await assertFails(beat(contextOf('viewer'), uidOf('viewer'), { viewedAt: clickTime(Date.now() + 3_600_000) }));
    await assertFails(beat(contextOf('viewer'), uidOf('viewer'), { viewedAt: serverTimestamp(), forged: true }));
    await assertFails(beat(contextOf('viewer'), uidOf('viewer'), {}));
  });

  it('the signed out, members of another tenant and a removed member whose claim still names the tenant cannot', async () => {
    await assertFails(beat(contextOf('signed out'), uidOf('signed out')));
    await assertFails(beat(contextOf('member of another tenant'), uidOf('member of another tenant')));
    // No members mirror for this uid: setMemberRole removed it, the token's claim lags behind.
    await assertFails(beat(memberContext(env, 'uid-removed-viewer', { [tenantId]: 'viewer' }), 'uid-removed-viewer'));
  });
});

describe('claims that grant nothing', () => {
  const readHosts = (context: RulesTestContext) => context.firestore().collection(paths.hosts(tenantId)).get();

  it('a claim with an unknown role cannot list hosts', async () => {
    await assertFails(readHosts(memberContext(env, 'uid-unknown-role', { [tenantId]: 'superuser' })));
  });

  it('a claim with a role in the wrong case cannot get the tenant', async () => {
    const context = memberContext(env, 'uid-wrong-case', { [tenantId]: 'Admin' });
    await assertFails(context.firestore().doc(paths.tenant(tenantId)).get());
  });

  it('a tenants claim that is a string cannot list hosts', async () => {
    await assertFails(readHosts(env.authenticatedContext('uid-string-claim', { tenants: tenantId })));
  });

  it('a role for a lookalike tenant id cannot list hosts', async () => {
    await assertFails(readHosts(memberContext(env, 'uid-lookalike', { [`${tenantId}-x`]: 'admin', [tenantId.toUpperCase()]: 'admin' })));
  });

  it('the same uid with a claim for this tenant can list hosts', async () => {
    await assertSucceeds(readHosts(memberContext(env, 'uid-unknown-role', { [tenantId]: 'viewer' })));
  });
});
