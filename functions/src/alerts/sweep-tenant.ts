import { FieldPath, FieldValue, type Query, type Transaction } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions';
import {
  DEFAULT_TENANT_SETTINGS,
  alertDoc,
  hostDoc,
  maintenanceOf,
  paths,
  readableFields,
  tenantDoc,
  type AlertDoc,
  type MaintenanceWindows,
} from '@pulseboard/contracts';
import { db } from '../shared/admin';
import { countedTransaction, countedWrite } from '../shared/document-writes';
import { sendReminders } from '../notifications/send-reminders';
import { decideSilentHost, SILENT_EXPIRY_FACTOR } from './decide-silent-host';
import { EVERY_SWEEP_SHARD, SWEEP_SHARD_FIELD } from './sweep-shard';
import { sweepStateOf, sweepStateToWrite, type SweepCursor, type SweepLine, type SweepState } from './sweep-state';
import type { StoredAlert } from './evaluate-alert';

/** Hosts one sweep reads per line and tenant; the rest wait for the next minute, behind the cursor. */
export const SWEEP_HOSTS_PER_LINE = 500;

/**
 * Hosts of a line settled at once. Each is a transaction of its own over its own documents (the host
 * and its alerts), so they do not contend; one after the other, the 100 hosts of two silent
 * collectors held a sweep 11-23 s on the emulator (docs/BENCHMARKS.md, "Soak").
 */
export const SWEEP_HOSTS_AT_ONCE = 10;

/** What the sweep reads of a host document (a field mask): not its windows, most of its size. */
const sweptHost = hostDoc.pick({ lastSeen: true, silencedUntil: true, activeAlerts: true });

/**
 * The tenant's hosts whose last report is at or before `cutoff` and after the cursor, oldest first:
 * every sweep shard's range of the index, merged by Firestore in `lastSeen` order (sweep-shard.ts).
 */
function crossedLine(tenantId: string, cutoff: number, cursor: SweepCursor | null): Query {
  // Only `lastSeen` of each (the cursor's field): settling a host reads what it needs in its transaction.
  const ordered = db
    .collection(paths.hosts(tenantId))
    .where(SWEEP_SHARD_FIELD, 'in', EVERY_SWEEP_SHARD)
    .where('lastSeen', '<=', cutoff)
    .orderBy('lastSeen')
    .orderBy(FieldPath.documentId())
    .select('lastSeen');
  return (cursor === null ? ordered : ordered.startAfter(cursor.lastSeen, cursor.host)).limit(SWEEP_HOSTS_PER_LINE);
}

/** The host's open or acknowledged alerts by metric, as the pointers of its document name them. */
async function activeAlertsOf(tx: Transaction, tenantId: string, pointers: Record<string, string>): Promise<Map<string, StoredAlert>> {
  const entries = Object.entries(pointers);
  if (entries.length === 0) return new Map();
  const snapshots = await tx.getAll(...entries.map(([, id]) => db.doc(paths.alert(tenantId, id))));
  const active = new Map<string, StoredAlert>();
  entries.forEach(([metric, id], i) => {
    const parsed = alertDoc.safeParse(snapshots[i]?.data());
    if (parsed.success && parsed.data.state !== 'resolved') active.set(metric, { id, doc: parsed.data });
  });
  return active;
}

/** The tenant's settings the sweep judges a host by: its stale-after period and maintenance windows. */
interface SweepPolicy {
  staleAfterMs: number;
  maintenance: MaintenanceWindows | undefined;
}

/** Applies the sweep's decision to one host in one transaction; answers how many alerts it wrote. */
export function settleSilentHost(tenantId: string, hostId: string, { staleAfterMs, maintenance: windows }: SweepPolicy, now: number): Promise<number> {
  const hostRef = db.doc(paths.host(tenantId, hostId));
  const maintenance = maintenanceOf(windows, hostId, now);
  // Said once per host as it crosses a line: the cursor passes it, so the sweep does not come back to it.
  if (maintenance !== null) logger.info('silent host under maintenance: no no-data alert opens', { tenantId, host: hostId, suppressedBy: maintenance });
  return countedTransaction(async (tx) => {
    const [snapshot] = await tx.getAll(hostRef, { fieldMask: Object.keys(sweptHost.shape) });
    const { readable: host } = readableFields(sweptHost, snapshot?.data());
    if (host.lastSeen === undefined) return 0;
    const active = await activeAlertsOf(tx, tenantId, host.activeAlerts ?? {});
    const decision = decideSilentHost({ host: hostId, lastSeen: host.lastSeen, silencedUntil: host.silencedUntil ?? null, maintenance, staleAfterMs, now, active });
    for (const [id, doc] of decision.changed) tx.set(db.doc(paths.alert(tenantId, id)), doc satisfies AlertDoc);
    if (decision.pointers.size > 0) {
      const activeAlerts = Object.fromEntries([...decision.pointers].map(([metric, id]) => [metric, id ?? FieldValue.delete()]));
      tx.set(hostRef, { activeAlerts }, { merge: true });
    }
    return decision.changed.size;
  });
}

/**
 * Sweeps one line of one tenant from its cursor, SWEEP_HOSTS_AT_ONCE hosts at a time; answers the
 * new cursor. A host that fails throws before the cursor is stored, so the next sweep does the line
 * again, and what it settled already it changes nothing twice.
 */
async function sweepLine(tenantId: string, cutoff: number, cursor: SweepCursor | null, policy: SweepPolicy, now: number): Promise<SweepCursor | null> {
  const hosts = await crossedLine(tenantId, cutoff, cursor).get();
  let next = cursor;
  for (let from = 0; from < hosts.docs.length; from += SWEEP_HOSTS_AT_ONCE) {
    const settling = hosts.docs.slice(from, from + SWEEP_HOSTS_AT_ONCE);
    await Promise.all(settling.map((snapshot) => settleSilentHost(tenantId, snapshot.id, policy, now)));
    for (const snapshot of settling) {
      const lastSeen: unknown = snapshot.get('lastSeen');
      if (typeof lastSeen === 'number') next = { lastSeen, host: snapshot.id };
    }
  }
  return next;
}

/** The sweep's period (its onSchedule): a tenant's first sweep reminds of what fell due in the last one. */
const SWEEP_PERIOD_MS = 60_000;

/**
 * One tenant's sweep: the hosts that crossed the stale-after line since the last sweep open their
 * no-data alerts, those that crossed the expiry line have their threshold alerts resolved, and the
 * reminders that fell due since the last sweep are sent. A sweep that fails before storing its
 * state is repeated whole by the next one, which changes and sends nothing twice.
 */
export async function sweepTenant(tenantId: string, tenantData: unknown, now: number): Promise<void> {
  const tenant = tenantDoc.safeParse(tenantData);
  const staleAfterMs = (tenant.success ? tenant.data.staleAfterSeconds : DEFAULT_TENANT_SETTINGS.staleAfterSeconds) * 1000;
  const maintenance = tenant.success ? tenant.data.maintenance : undefined;
  const sweepRef = db.doc(paths.silentHostSweep(tenantId));
  const stored = sweepStateOf((await sweepRef.get()).data());
  const cutoffs: Record<SweepLine, number> = { stale: now - staleAfterMs, expired: now - staleAfterMs * SILENT_EXPIRY_FACTOR };
  const cursors: Record<SweepLine, SweepCursor | null> = { stale: null, expired: null };
  for (const line of ['stale', 'expired'] as const) {
    cursors[line] = await sweepLine(tenantId, cutoffs[line], stored[line], { staleAfterMs, maintenance }, now);
  }
  const since = stored.remindedUntil === null ? now - SWEEP_PERIOD_MS : Math.min(stored.remindedUntil, now);
  const reminding = await sendReminders(tenantId, since, now, maintenance);
  const next: SweepState = { ...cursors, remindedUntil: reminding ? now : null };
  const changed = sweepStateToWrite(stored, next);
  if (changed !== null) await countedWrite(sweepRef.set(changed));
}

/** Tenants one sweep visits; past it the sweep logs an error rather than run past its minute. */
export const SWEEP_TENANTS_MAX = 1_000;

/** The whole sweep: every tenant, one after the other (a tenant's failure is logged, not shared). */
export async function sweepSilentTenants(now: number): Promise<void> {
  const tenants = await db.collection(paths.tenants()).limit(SWEEP_TENANTS_MAX).get();
  if (tenants.size === SWEEP_TENANTS_MAX) logger.error('silent-host sweep reached its tenant limit', { limit: SWEEP_TENANTS_MAX });
  for (const tenant of tenants.docs) {
    try {
      await sweepTenant(tenant.id, tenant.data(), now);
    } catch (error) {
      logger.error('silent-host sweep failed for a tenant', { tenantId: tenant.id, error: String(error) });
    }
  }
}
