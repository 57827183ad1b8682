import { onCall, type CallableRequest } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions';
import type { DocumentData } from 'firebase-admin/firestore';
import {
  describeIssues,
  membershipClaims,
  paths,
  setMemberRoleRequest,
  type Role,
  type SetMemberRoleResponse,
} from '@pulseboard/contracts';
import { auth, db } from '../shared/admin';
import { DomainError, toHttpsError } from '../shared/errors';

/**
 * An admin of a tenant adds a member by email, changes their role or removes them (role null).
 * The custom claim is what rules and the client trust; tenants/{t}/members/{uid} mirrors it so
 * admins can list members, and is where the "last admin" invariant is enforced transactionally.
 */
export const setMemberRole = onCall(async (request): Promise<SetMemberRoleResponse> => {
  try {
    return await changeMemberRole(request);
  } catch (error) {
    throw toHttpsError(error, { function: 'setMemberRole', caller: request.auth?.uid });
  }
});

async function changeMemberRole(request: CallableRequest<unknown>): Promise<SetMemberRoleResponse> {
  if (request.auth === undefined) throw new DomainError('unauthenticated', 'Sign in to manage members.');
  const parsed = setMemberRoleRequest.safeParse(request.data);
  if (!parsed.success) throw new DomainError('invalid-argument', describeIssues(parsed.error));
  const { tenantId, email, role } = parsed.data;

  const callerClaims = membershipClaims.safeParse(request.auth.token);
  if (!callerClaims.success || callerClaims.data.tenants[tenantId] !== 'admin') {
    throw new DomainError('permission-denied', `Only admins of ${tenantId} can manage its members.`);
  }
  const uid = await uidForEmail(email);

  const previousMirror = await updateMirror(tenantId, request.auth.uid, { uid, email, role });
  try {
    await setTenantClaim(uid, tenantId, role);
  } catch (error) {
    // Keep claims and mirror consistent: undo the mirror if the claim could not follow it.
    await restoreMirror(tenantId, uid, previousMirror);
    throw error;
  }
  logger.info('member role set', { tenantId, uid, role, by: request.auth.uid });
  return { uid, role };
}

async function uidForEmail(email: string): Promise<string> {
  try {
    return (await auth.getUserByEmail(email)).uid;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'auth/user-not-found') {
      throw new DomainError('not-found', `No user has the email ${email}; they must sign up first.`);
    }
    throw error;
  }
}

interface MemberChange {
  uid: string;
  email: string;
  role: Role | null;
}

/**
 * Writes the member mirror and returns what it held before. Counting admins through a query in
 * the same transaction serialises concurrent demotions, so a tenant never loses its last admin.
 * The caller's own mirror is checked too: a token can still claim admin for up to an hour after
 * the role was taken away, the mirror cannot.
 */
function updateMirror(tenantId: string, callerUid: string, { uid, email, role }: MemberChange): Promise<DocumentData | null> {
  const memberRef = db.doc(paths.member(tenantId, uid));
  const callerRef = db.doc(paths.member(tenantId, callerUid));
  const adminsQuery = db.collection(paths.members(tenantId)).where('role', '==', 'admin');
  return db.runTransaction(async (tx) => {
    const [caller, member, admins] = await Promise.all([tx.get(callerRef), tx.get(memberRef), tx.get(adminsQuery)]);
    if (caller.get('role') !== 'admin') {
      throw new DomainError('permission-denied', `You are no longer an admin of ${tenantId}; sign in again.`);
    }
    const losesAdmin = member.get('role') === 'admin' && role !== 'admin';
    if (losesAdmin && admins.size <= 1) {
      throw new DomainError('failed-precondition', `${tenantId} must keep at least one admin: make someone else admin first.`);
    }
    if (role === null) tx.delete(memberRef);
    else tx.set(memberRef, { email, role, updatedAt: Date.now() });
    return member.data() ?? null;
  });
}

async function restoreMirror(tenantId: string, uid: string, previous: DocumentData | null): Promise<void> {
  const memberRef = db.doc(paths.member(tenantId, uid));
  await (previous === null ? memberRef.delete() : memberRef.set(previous));
}

/** Changes this tenant's entry of the user's claim, keeping their other tenants and claims. */
async function setTenantClaim(uid: string, tenantId: string, role: Role | null): Promise<void> {
  const claims: Record<string, unknown> = (await auth.getUser(uid)).customClaims ?? {};
  const current = claims['tenants'];
  const tenants: Record<string, unknown> = typeof current === 'object' && current !== null ? { ...current } : {};
  if (role === null) delete tenants[tenantId];
  else tenants[tenantId] = role;
  await auth.setCustomUserClaims(uid, { ...claims, tenants });
}
