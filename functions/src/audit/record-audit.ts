import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { paths, type AuditEntry } from '@pulseboard/contracts';

/** What the act says about itself; the time is the server's, and only commands have an outcome. */
export type AuditRecord = Omit<AuditEntry, 'at' | 'outcome'> & Partial<Pick<AuditEntry, 'outcome'>>;

/**
 * Appends an entry to the tenant's audit log in the transaction that performs the act, so the log
 * holds an act exactly when the act happened. `entryId` makes the entry deterministic (a settled
 * command's id); otherwise Firestore picks one.
 */
export function recordAudit(tx: Transaction, db: Firestore, tenantId: string, record: AuditRecord, entryId?: string): void {
  const log = db.collection(paths.auditLog(tenantId));
  const entry: AuditEntry = { at: Date.now(), outcome: null, ...record };
  tx.create(entryId === undefined ? log.doc() : log.doc(entryId), entry);
}
