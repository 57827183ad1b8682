import { afterAll, beforeAll, describe, it } from 'vitest';
import { assertFails, assertSucceeds, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import firebase from 'firebase/compat/app';
import { LIST_LIMITS, paths } from '@pulseboard/contracts';
import { uniqueTenantId } from '../../../testkit/tenant-fixture';
import { memberContext, rulesEnvironment } from './rules-env';

const tenantId = uniqueTenantId('list-rules');
const VIEWER = 'uid-viewer';
const ADMIN = 'uid-admin';
type Ref = firebase.firestore.CollectionReference;

/**
 * Each bounded collection, the least role that may list it, and a query of it shaped like the
 * app's own (filters, order, limit).
 */
const COLLECTIONS = {
  windowChunks: {
    path: paths.windowChunks(tenantId),
    appQuery: (ref: Ref, limit: number) => ref.where('host', '==', 'web-1').where('resolution', '==', '1h').where('start', '>=', 0).orderBy('start').limit(limit),
  },
  fleetShards: {
    path: paths.fleetShards(tenantId),
    appQuery: (ref: Ref, limit: number) => ref.limit(limit),
  },
  fleetChunks: {
    path: paths.fleetChunks(tenantId),
    appQuery: (ref: Ref, limit: number) => ref.where('shard', '==', 0).where('resolution', '==', '1h').where('start', '>=', 0).orderBy('start').limit(limit),
  },
  commands: {
    path: paths.commands(tenantId),
    appQuery: (ref: Ref, limit: number) => ref.where('requestedBy', '==', VIEWER).orderBy('requestedAt', 'desc').limit(limit),
  },
  alerts: {
    path: paths.alerts(tenantId),
    appQuery: (ref: Ref, limit: number) => ref.orderBy('openedAt', 'desc').limit(limit),
  },
  audit: {
    path: paths.auditLog(tenantId),
    reader: 'admin' as const,
    // The audit page's next page, filtered by actor and action: newest first, ties by id, after a cursor.
    appQuery: (ref: Ref, limit: number) =>
      ref
        .where('actor', '==', ADMIN)
        .where('action', '==', 'member.role')
        .orderBy('at', 'desc')
        .orderBy(firebase.firestore.FieldPath.documentId(), 'desc')
        .startAfter(1_000, 'entry-1')
        .limit(limit),
  },
  deliveries: {
    path: paths.deliveries(tenantId),
    reader: 'admin' as const,
    appQuery: (ref: Ref, limit: number) => ref.where('channelId', '==', 'channel-1').orderBy('createdAt', 'desc').limit(limit),
  },
} satisfies Record<keyof typeof LIST_LIMITS, unknown>;

let env: RulesTestEnvironment;

const readerCollection = (path: string, reader: 'viewer' | 'admin'): Ref =>
  memberContext(env, reader === 'admin' ? ADMIN : VIEWER, { [tenantId]: reader }).firestore().collection(path);

beforeAll(async () => {
  env = await rulesEnvironment();
});

afterAll(async () => {
  await env?.cleanup();
});

describe('list queries on windows, fleet, commands, alerts, audit and deliveries must carry a bounded limit', () => {
  for (const [name, collection] of Object.entries(COLLECTIONS)) {
    const max = LIST_LIMITS[name as keyof typeof LIST_LIMITS];
    const { path, appQuery } = collection;
    const reader = 'reader' in collection ? collection.reader : 'viewer';

    it(`${reader} can list ${name} with the app's query at the limit (${max})`, async () => {
      await assertSucceeds(appQuery(readerCollection(path, reader), max).get());
    });

    it(`${reader} can list ${name} with a smaller limit`, async () => {
      await assertSucceeds(readerCollection(path, reader).limit(1).get());
    });

    it(`${reader} cannot list ${name} without a limit`, async () => {
      await assertFails(readerCollection(path, reader).get());
    });

    it(`${reader} cannot list ${name} with a limit above ${max}`, async () => {
      await assertFails(appQuery(readerCollection(path, reader), max + 1).get());
    });

    it(`${reader} cannot listen to ${name} without a limit`, async () => {
      await assertFails(
        new Promise((resolve, reject) => {
          const unsubscribe = readerCollection(path, reader).onSnapshot(
            (snapshot) => {
              unsubscribe();
              resolve(snapshot);
            },
            reject,
          );
        }),
      );
    });
  }
});
