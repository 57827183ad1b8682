import { afterAll, beforeAll, describe, it } from 'vitest';
import { assertFails, assertSucceeds, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { CLICK_CLOCK_SKEW_MS, paths } from '@pulseboard/contracts';
import { uniqueTenantId } from '../../../testkit/tenant-fixture';
import { clickTime, memberContext, rulesEnvironment, serverTimestamp } from './rules-env';

const tenantId = uniqueTenantId('cmd-rules');
const otherTenantId = uniqueTenantId('cmd-rules-other');
const OPERATOR = 'uid-operator';

type CommandData = Record<string, unknown>;
type Payload = Record<string, unknown>;

const VALID_PAYLOADS: Record<string, Payload> = {
  'set-threshold with levels': { kind: 'set-threshold', host: 'web-1', metric: 'cpu', levels: { warning: 70, critical: 90.5 } },
  'set-threshold back to the default': { kind: 'set-threshold', host: 'web-1', metric: 'cpu', levels: null },
  'ack-alert': { kind: 'ack-alert', alertId: 'web-1_cpu_1700000000000' },
  'resolve-alert': { kind: 'resolve-alert', alertId: 'a1' },
  'silence-host until a time': { kind: 'silence-host', host: 'db.eu-1', until: 1_800_000_000_000 },
  'silence-host lifted': { kind: 'silence-host', host: 'db.eu-1', until: null },
  'schedule-maintenance of a host': maintenance({}),
  'schedule-maintenance of the whole tenant, with a note of 200 characters': maintenance({ host: null, note: 'n'.repeat(200) }),
  'cancel-maintenance': { kind: 'cancel-maintenance', windowId: 'mw-1' },
};

function maintenance(change: Payload): Payload {
  return { kind: 'schedule-maintenance', windowId: 'mw-1', host: 'web-1', start: 1_800_000_000_000, end: 1_800_003_600_000, note: '', ...change };
}

function command(payload: Payload, overrides: CommandData = {}): CommandData {
  return { payload, requestedBy: OPERATOR, requestedAt: serverTimestamp(), clickedAt: clickTime(), status: 'pending', ...overrides };
}

const threshold = (levels: unknown): Payload => ({ kind: 'set-threshold', host: 'web-1', metric: 'cpu', levels });
const silence = (until: unknown): Payload => ({ kind: 'silence-host', host: 'web-1', until });
const withoutKey = (data: CommandData, key: string): CommandData =>
  Object.fromEntries(Object.entries(data).filter(([name]) => name !== key));
const ackAlert = { kind: 'ack-alert', alertId: 'a1' };

/** Each one breaks exactly one rule; an operator of the tenant sends it. */
const FORGED_COMMANDS: Record<string, CommandData> = {
  'a forged requester': command(ackAlert, { requestedBy: 'someone-else' }),
  'a forged status': command(ackAlert, { status: 'applied' }),
  'a client clock instead of the server time': command(ackAlert, { requestedAt: Date.now() }),
  'no click time': withoutKey(command(ackAlert), 'clickedAt'),
  'a click time in epoch ms instead of a timestamp': command(ackAlert, { clickedAt: Date.now() }),
  'a click time further ahead of the server than the allowed skew': command(ackAlert, {
    clickedAt: clickTime(Date.now() + 2 * CLICK_CLOCK_SKEW_MS),
  }),
  'an outcome field written by the client': command(ackAlert, { reason: null }),
  'a previous value written by the client': command(ackAlert, { previous: null }),
  'no status': withoutKey(command(ackAlert), 'status'),
  'no requester': withoutKey(command(ackAlert), 'requestedBy'),
  'a payload that is not a map': command({}, { payload: 'ack-alert a1' }),
  'an unknown command kind': command({ kind: 'delete-host', host: 'web-1' }),
  'no kind': command({ alertId: 'a1' }),
  'an extra payload field': command({ ...ackAlert, note: 'hi' }),
  'a field of another kind': command({ ...ackAlert, host: 'web-1' }),
  'a missing alert id': command({ kind: 'resolve-alert' }),
  'an alert id that is a number': command({ kind: 'ack-alert', alertId: 42 }),
  'an oversized alert id': command({ kind: 'ack-alert', alertId: 'a'.repeat(65) }),
  'an alert id with a slash': command({ kind: 'ack-alert', alertId: 'a/b' }),
  'a reserved-looking host id': command({ kind: 'silence-host', host: '__name__', until: null }),
  'a host id of ".."': command({ kind: 'silence-host', host: '..', until: null }),
  'an empty host id': command({ kind: 'silence-host', host: '', until: null }),
  'a metric that is not a string': command({ kind: 'set-threshold', host: 'web-1', metric: true, levels: null }),
  'levels missing critical': command(threshold({ warning: 1 })),
  'levels with an extra key': command(threshold({ warning: 1, critical: 2, info: 0 })),
  'a level that is a string': command(threshold({ warning: '70', critical: 90 })),
  'a NaN level': command(threshold({ warning: Number.NaN, critical: 90 })),
  'an infinite level': command(threshold({ warning: 70, critical: Number.POSITIVE_INFINITY })),
  'a huge level': command(threshold({ warning: 70, critical: 1e300 })),
  'levels that are a list': command(threshold([70, 90])),
  'a silence time that is a string': command(silence('tomorrow')),
  'a negative silence time': command(silence(-1)),
  'a fractional silence time': command(silence(1_800_000_000_000.5)),
  'a silence time past year 9999': command(silence(Number.MAX_SAFE_INTEGER)),
  'a maintenance note over 200 characters': command(maintenance({ note: 'n'.repeat(201) })),
  'a maintenance note that is not a string': command(maintenance({ note: null })),
  'a maintenance start that is a string': command(maintenance({ start: 'now' })),
  'a fractional maintenance end': command(maintenance({ end: 1_800_003_600_000.5 })),
  'a maintenance window id with a slash': command(maintenance({ windowId: 'a/b' })),
  'a maintenance host that is a number': command(maintenance({ host: 7 })),
  'a maintenance window without an end': command(withoutKey(maintenance({}), 'end')),
  'an extra maintenance field': command(maintenance({ createdBy: 'uid-operator' })),
  'a cancel without a window id': command({ kind: 'cancel-maintenance' }),
  'a cancel of an oversized window id': command({ kind: 'cancel-maintenance', windowId: 'w'.repeat(65) }),
};

let env: RulesTestEnvironment;

const operatorDb = () => memberContext(env, OPERATOR, { [tenantId]: 'operator' }).firestore();
const createIn = (db: ReturnType<typeof operatorDb>, tenant: string, data: CommandData, commandId?: string) => {
  const commands = db.collection(paths.commands(tenant));
  return (commandId === undefined ? commands.doc() : commands.doc(commandId)).set(data);
};

/** Writes (or, with null, deletes) the member document setMemberRole keeps beside the claim. */
async function setMirror(uid: string, role: string | null): Promise<void> {
  await env.withSecurityRulesDisabled(async (admin) => {
    const ref = admin.firestore().doc(paths.member(tenantId, uid));
    await (role === null ? ref.delete() : ref.set({ email: `${uid}@test.pulseboard.dev`, role, updatedAt: 1 }));
  });
}

beforeAll(async () => {
  env = await rulesEnvironment();
  await setMirror(OPERATOR, 'operator');
});

afterAll(async () => {
  await env?.cleanup();
});

describe('operators create well-formed commands', () => {
  for (const [name, payload] of Object.entries(VALID_PAYLOADS)) {
    it(`operator can create ${name}`, async () => {
      await assertSucceeds(createIn(operatorDb(), tenantId, command(payload)));
    });
  }

  it('operator can create a command clicked long ago (the function refuses it, with a reason)', async () => {
    await assertSucceeds(createIn(operatorDb(), tenantId, command(ackAlert, { clickedAt: clickTime(Date.now() - 3_600_000) })));
  });

  it('operator can create a command whose click time is a little ahead of the server', async () => {
    const aheadWithinSkew = clickTime(Date.now() + CLICK_CLOCK_SKEW_MS / 3);
    await assertSucceeds(createIn(operatorDb(), tenantId, command(ackAlert, { clickedAt: aheadWithinSkew })));
  });

  it('admin can create a command', async () => {
    const db = memberContext(env, OPERATOR, { [tenantId]: 'admin' }).firestore();
    await assertSucceeds(createIn(db, tenantId, command(ackAlert)));
  });

  it('operator can create a command under a client-generated correlation id', async () => {
    await assertSucceeds(createIn(operatorDb(), tenantId, command(ackAlert), crypto.randomUUID()));
  });
});

describe('forged or malformed commands are denied', () => {
  for (const [name, data] of Object.entries(FORGED_COMMANDS)) {
    it(`operator cannot create a command with ${name}`, async () => {
      await assertFails(createIn(operatorDb(), tenantId, data));
    });
  }

  it('operator cannot create a command under an oversized id', async () => {
    await assertFails(createIn(operatorDb(), tenantId, command(ackAlert), 'c'.repeat(65)));
  });
});

describe('only operators and admins of this tenant create commands', () => {
  it('viewer cannot create a command', async () => {
    const db = memberContext(env, OPERATOR, { [tenantId]: 'viewer' }).firestore();
    await assertFails(createIn(db, tenantId, command(ackAlert)));
  });

  it('viewer cannot create a schedule-maintenance command', async () => {
    const db = memberContext(env, OPERATOR, { [tenantId]: 'viewer' }).firestore();
    await assertFails(createIn(db, tenantId, command(maintenance({}))));
  });

  it('viewer cannot create a cancel-maintenance command', async () => {
    const db = memberContext(env, OPERATOR, { [tenantId]: 'viewer' }).firestore();
    await assertFails(createIn(db, tenantId, command({ kind: 'cancel-maintenance', windowId: 'mw-1' })));
  });

  it('a claim with an unknown role cannot create a command', async () => {
    const db = memberContext(env, OPERATOR, { [tenantId]: 'superuser' }).firestore();
    await assertFails(createIn(db, tenantId, command(ackAlert)));
  });

  it('a tenants claim that is not a map grants nothing', async () => {
    const db = env.authenticatedContext(OPERATOR, { tenants: 'admin' }).firestore();
    await assertFails(createIn(db, tenantId, command(ackAlert)));
  });

  it('a signed-in user without a tenants claim cannot create a command', async () => {
    await assertFails(createIn(env.authenticatedContext(OPERATOR).firestore(), tenantId, command(ackAlert)));
  });

  it("operator of one tenant cannot create a command in another tenant's path", async () => {
    await assertFails(createIn(operatorDb(), otherTenantId, command(ackAlert)));
  });

  it("operator of one tenant cannot read another tenant's commands", async () => {
    await assertFails(operatorDb().collection(paths.commands(otherTenantId)).get());
  });

  it('a role claimed for another tenant id grants nothing here', async () => {
    const db = memberContext(env, OPERATOR, { [otherTenantId]: 'admin', [`${tenantId}-x`]: 'admin' }).firestore();
    await assertFails(createIn(db, tenantId, command(ackAlert)));
  });

  it('signed out cannot create a command', async () => {
    await assertFails(createIn(env.unauthenticatedContext().firestore(), tenantId, command(ackAlert)));
  });
});

describe('the member document decides, not only the token', () => {
  // [caller, role in the member document (null: none), role in the token's claim, allowed]. A token
  // stays valid up to an hour after a change; the member document changes at once.
  const cases: Array<[string, string | null, string, boolean]> = [
    ['an operator removed a moment ago', null, 'operator', false],
    ['an operator demoted to viewer a moment ago', 'viewer', 'operator', false],
    ['a member document with an unknown role', 'superuser', 'operator', false],
    ['a viewer promoted a moment ago, before the token is refreshed', 'operator', 'viewer', false],
    ['an operator whose member document says operator', 'operator', 'operator', true],
  ];
  for (const [caller, mirrored, claimed, allowed] of cases) {
    it(`${caller} ${allowed ? 'can' : 'cannot'} create a command`, async () => {
      const uid = `uid-${caller.replace(/[^a-z]+/g, '-')}`;
      await setMirror(uid, mirrored);
      const db = memberContext(env, uid, { [tenantId]: claimed }).firestore();
      const request = createIn(db, tenantId, command(ackAlert, { requestedBy: uid }));
      await (allowed ? assertSucceeds(request) : assertFails(request));
    });
  }
});

describe('commands are an audit log', () => {
  it('operator cannot settle their own pending command', async () => {
    const db = operatorDb();
    const ref = db.collection(paths.commands(tenantId)).doc();
    await assertSucceeds(ref.set(command(ackAlert)));
    await assertFails(ref.update({ status: 'applied' }));
  });

  it('operator cannot delete their own command', async () => {
    const db = operatorDb();
    const ref = db.collection(paths.commands(tenantId)).doc();
    await assertSucceeds(ref.set(command(ackAlert)));
    await assertFails(ref.delete());
  });

  it('operator cannot overwrite an existing command with a fresh pending one', async () => {
    const db = operatorDb();
    const ref = db.collection(paths.commands(tenantId)).doc();
    await assertSucceeds(ref.set(command(ackAlert)));
    await assertFails(ref.set(command({ kind: 'resolve-alert', alertId: 'a1' })));
  });
});
