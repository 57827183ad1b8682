import { auditEntry, paths, type AuditEntry } from '@pulseboard/contracts';
import { adminDb } from '../../testkit/admin';

/** A tenant's audit log, oldest first, each entry checked against the contract. */
export async function auditLogOf(tenantId: string): Promise<AuditEntry[]> {
  const entries = await adminDb.collection(paths.auditLog(tenantId)).orderBy('at').get();
  return entries.docs.map((entry) => auditEntry.parse(entry.data()));
}
