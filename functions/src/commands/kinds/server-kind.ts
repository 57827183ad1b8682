import type { Transaction } from 'firebase-admin/firestore';
import type { AlertDoc, CommandKind, CommandPayload, HostDoc, PayloadOf, PreviousOf, Role, TenantDoc } from '@pulseboard/contracts';
import type { AuditRecord } from '../../audit/record-audit';

/** Everything a decision may need, read in the transaction; each kind says which parts it wants. */
export interface CommandContext {
  payload: CommandPayload;
  requestedBy: string;
  /** What the requester's member document says now (null: no longer a member); their token may say more. */
  requesterRole: Role | null;
  /** When the command reached the server (its server timestamp). */
  requestedAt: number;
  /** The client's clock at the operator's click. */
  clickedAt: number;
  now: number;
  deadlineMs: number;
  /** How long after the click the command may reach the server (queued offline, say). */
  offlineLimitMs: number;
  /** The payload's host, or null when it does not exist (or the kind wants none). */
  host: HostDoc | null;
  /** The payload's alert, or null when it does not exist (or the kind wants none). */
  alert: AlertDoc | null;
  /** The alert's host, or null when it does not exist (or the kind wants none). */
  alertHost: HostDoc | null;
  /** The tenant document, or null when it does not exist (or the kind wants none). */
  tenant: TenantDoc | null;
}

/** The documents a kind's decision reads, besides the command and the requester's member document. */
export interface WantedDocuments {
  host: string | null;
  alert: string | null;
  /** The host of the alert read (a second round trip: its id is in the alert). */
  alertHost: boolean;
  tenant: boolean;
}

export const NOTHING_WANTED: WantedDocuments = { host: null, alert: null, alertHost: false, tenant: false };

/** A kind's pure decision; `change` is what to write, described as data. */
export type KindDecision<Previous, Change> =
  | { status: 'applied'; previous: Previous; change: Change }
  | { status: 'rejected'; reason: string };

export const reject = (reason: string): { status: 'rejected'; reason: string } => ({ status: 'rejected', reason });

/** One command kind on the server: what it reads, how it decides, how it writes, what it audits. */
export interface CommandKindSpec<K extends CommandKind, Change> {
  wants(payload: PayloadOf<K>): WantedDocuments;
  decide(payload: PayloadOf<K>, context: CommandContext): KindDecision<PreviousOf<K>, Change>;
  /** Writes an applied decision's change in the settling transaction. */
  apply(tx: Transaction, tenantId: string, change: Change): void;
  /** What the audit entry names as acted on, and the value asked for. */
  audit(payload: PayloadOf<K>): Pick<AuditRecord, 'target' | 'newValue'>;
}

/** An applied decision with its change bound to the write that makes it. */
export type Settling<Previous> =
  | { status: 'applied'; previous: Previous; change: unknown; write: (tx: Transaction, tenantId: string) => void }
  | { status: 'rejected'; reason: string };

/** A kind as its registry holds it: the change's own type is the kind's business. */
export interface ServerCommandKind<K extends CommandKind> {
  wants(payload: PayloadOf<K>): WantedDocuments;
  decide(payload: PayloadOf<K>, context: CommandContext): Settling<PreviousOf<K>>;
  audit(payload: PayloadOf<K>): Pick<AuditRecord, 'target' | 'newValue'>;
}

export function serverKind<K extends CommandKind, Change>(spec: CommandKindSpec<K, Change>): ServerCommandKind<K> {
  return {
    wants: (payload) => spec.wants(payload),
    audit: (payload) => spec.audit(payload),
    decide(payload, context) {
      const decision = spec.decide(payload, context);
      if (decision.status === 'rejected') return decision;
      return { ...decision, write: (tx, tenantId) => spec.apply(tx, tenantId, decision.change) };
    },
  };
}
