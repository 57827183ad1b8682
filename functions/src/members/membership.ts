import type { DocumentSnapshot, Firestore, Transaction } from 'firebase-admin/firestore';
import { memberDoc, paths, roleAtLeast, type Role } from '@pulseboard/contracts';
import { DomainError } from '../shared/errors';

/**
 * The members mirror (`tenants/{t}/members/{uid}`) is the source of truth for membership: it is
 * written first and at once, while a token's claim can lag up to an hour behind it. Everything
 * that grants a right on the server (callables, applyCommand, the rules for writes) reads it.
 */

/** The role a member document gives; null when it is missing or unreadable (which grants nothing). */
export function mirroredRole(member: DocumentSnapshot): Role | null {
  const parsed = memberDoc.safeParse(member.data());
  return parsed.success ? parsed.data.role : null;
}

/**
 * Reads the caller's member document in the transaction and refuses unless it grants at least
 * `needed`: an admin removed or demoted a moment ago still holds a token that says admin.
 */
export async function requireMirroredRole(
  tx: Transaction,
  db: Firestore,
  access: { tenantId: string; uid: string; needed: Role; action: string },
): Promise<void> {
  const role = mirroredRole(await tx.get(db.doc(paths.member(access.tenantId, access.uid))));
  if (!roleAtLeast(role ?? undefined, access.needed)) {
    throw new DomainError('permission-denied', `Only ${access.needed}s of ${access.tenantId} can ${access.action}.`);
  }
}
