import { FieldValue, type DocumentReference, type DocumentSnapshot, type Transaction } from 'firebase-admin/firestore';
import {
  alertDoc,
  COMMAND_REASON_MAX,
  commandDoc,
  describeIssues,
  hostDoc,
  paths,
  safeId,
  tenantDoc,
  type CommandPayload,
  type CommandStatus,
  type DocumentContract,
} from '@pulseboard/contracts';
import { db } from '../shared/admin';
import { countedTransaction } from '../shared/document-writes';
import { mirroredRole } from '../members/membership';
import { recordAudit } from '../audit/record-audit';
import { commandAudit, commandAuditId } from './command-audit';
import { decideCommand, type CommandContext, type CommandDecision } from './decide-command';
import { serverKindOf } from './kinds';

/** The configured time limits a command is judged by (params of applyCommand). */
export type CommandLimits = Pick<CommandContext, 'deadlineMs' | 'offlineLimitMs'>;

/** The status a command was settled with, or null when it was no longer pending (settled before). */
export type SettleResult = CommandStatus | null;

type StoredRead<T> = { found: false } | { found: true; value: T } | { found: true; unreadable: string };

/** Documents read so far in this attempt of the transaction, by path. */
type Fetched = ReadonlyMap<string, DocumentSnapshot>;

async function readStored<T>(tx: Transaction, fetched: Fetched, ref: DocumentReference, schema: DocumentContract<T>): Promise<StoredRead<T>> {
  const snapshot = fetched.get(ref.path) ?? (await tx.get(ref));
  if (!snapshot.exists) return { found: false };
  const parsed = schema.safeParse(snapshot.data());
  return parsed.success ? { found: true, value: parsed.data } : { found: true, unreadable: describeIssues(parsed.error) };
}

/** The documents a payload's kind wants read for its decision (the alert's host comes after the alert). */
function wantedDocuments(tenantId: string, payload: CommandPayload): { host: DocumentReference | null; alert: DocumentReference | null; tenant: DocumentReference | null } {
  const wanted = serverKindOf(payload).wants(payload);
  return {
    host: wanted.host === null ? null : db.doc(paths.host(tenantId, wanted.host)),
    alert: wanted.alert === null ? null : db.doc(paths.alert(tenantId, wanted.alert)),
    tenant: wanted.tenant ? db.doc(paths.tenant(tenantId)) : null,
  };
}

/**
 * What to read with the command in its first round trip: the documents its payload names, as the
 * trigger delivered it. No client ever updates a command, so the payload read in the transaction
 * is the same; the delivered copy only saves a second round trip before the decision.
 */
function prefetchFor(tenantId: string, delivered: unknown): DocumentReference[] {
  const command = commandDoc.safeParse(delivered);
  if (!command.success) return [];
  const { host, alert, tenant } = wantedDocuments(tenantId, command.data.payload);
  return [requesterRef(tenantId, command.data.requestedBy), host, alert, tenant].filter((ref) => ref !== null);
}

/** The requester's member document: their token may still claim a role they have lost. */
function requesterRef(tenantId: string, requestedBy: string): DocumentReference | null {
  return safeId.safeParse(requestedBy).success ? db.doc(paths.member(tenantId, requestedBy)) : null;
}

const NOT_READ = { found: false } as const;

const truncated = (reason: string): string =>
  reason.length <= COMMAND_REASON_MAX ? reason : `${reason.slice(0, COMMAND_REASON_MAX - 1)}…`;

/**
 * Applies one pending command in one transaction. The command is re-read inside it, so a
 * redelivered event (or any second call) finds it settled and changes nothing: at most once.
 * Each command records the value it replaced as read in its own transaction, so concurrent
 * commands on one host each restore their own previous value. The audit entry is written in
 * the same transaction.
 */
export function settleCommand(tenantId: string, commandId: string, limits: CommandLimits, delivered?: unknown): Promise<SettleResult> {
  const commandRef = db.doc(paths.command(tenantId, commandId));
  const prefetch = prefetchFor(tenantId, delivered);
  return countedTransaction(async (tx): Promise<SettleResult> => {
    const snapshots = await tx.getAll(commandRef, ...prefetch);
    const fetched: Fetched = new Map(snapshots.map((snapshot) => [snapshot.ref.path, snapshot]));
    const snapshot = fetched.get(commandRef.path);
    if (!snapshot?.exists || snapshot.get('status') !== 'pending') return null;
    const decision = await decide(tx, fetched, tenantId, snapshot.data(), limits);
    if (decision.status === 'applied') decision.write(tx, tenantId);
    tx.update(commandRef, {
      status: decision.status,
      reason: decision.status === 'applied' ? null : truncated(decision.reason),
      previous: decision.status === 'applied' ? decision.previous : null,
      resolvedAt: FieldValue.serverTimestamp(),
    });
    // A command whose payload cannot be read was written past the rules; it has no kind to log.
    const command = commandDoc.safeParse(snapshot.data());
    if (command.success) {
      recordAudit(tx, db, tenantId, commandAudit(command.data.payload, command.data.requestedBy, decision), commandAuditId(commandId));
    }
    return decision.status;
  });
}

async function decide(tx: Transaction, fetched: Fetched, tenantId: string, data: unknown, limits: CommandLimits): Promise<CommandDecision> {
  const parsed = commandDoc.safeParse(data);
  if (!parsed.success) return { status: 'rejected', reason: `Malformed command: ${describeIssues(parsed.error)}` };
  const { payload, requestedBy, requestedAt, clickedAt } = parsed.data;
  if (requestedAt === null) return { status: 'rejected', reason: 'The command has no request time.' };
  if (clickedAt === null) return { status: 'rejected', reason: 'The command has no click time.' };

  const requester = requesterRef(tenantId, requestedBy);
  const requesterRole = requester === null ? null : mirroredRole(fetched.get(requester.path) ?? (await tx.get(requester)));
  const wanted = wantedDocuments(tenantId, payload);
  const host = wanted.host === null ? NOT_READ : await readStored(tx, fetched, wanted.host, hostDoc);
  const alert = wanted.alert === null ? NOT_READ : await readStored(tx, fetched, wanted.alert, alertDoc);
  const tenant = wanted.tenant === null ? NOT_READ : await readStored(tx, fetched, wanted.tenant, tenantDoc);
  const alertHost =
    serverKindOf(payload).wants(payload).alertHost && 'value' in alert
      ? await readStored(tx, fetched, db.doc(paths.host(tenantId, alert.value.host)), hostDoc)
      : NOT_READ;
  for (const stored of [host, alert, alertHost, tenant]) {
    if ('unreadable' in stored) return { status: 'rejected', reason: `The stored document is malformed: ${stored.unreadable}` };
  }
  return decideCommand({
    payload,
    requestedBy,
    requesterRole,
    requestedAt,
    clickedAt,
    now: Date.now(),
    ...limits,
    host: 'value' in host ? host.value : null,
    alert: 'value' in alert ? alert.value : null,
    alertHost: 'value' in alertHost ? alertHost.value : null,
    tenant: 'value' in tenant ? tenant.value : null,
  });
}
