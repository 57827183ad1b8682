import type { Auth, UserRecord } from 'firebase-admin/auth';
import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { paths, roleAtLeast, tenantId as tenantIdSchema, type MemberDoc, type Role } from '@pulseboard/contracts';
import { DomainError } from '../shared/errors';
import { recordAudit } from '../audit/record-audit';
import { mirroredRole, requireMirroredRole } from './membership';

/** The Admin SDK services a grant needs: the functions' own, or the admin tool's. */
export interface AdminServices {
  readonly db: Firestore;
  readonly auth: Auth;
}

export interface RoleGrant {
  readonly tenantId: string;
  readonly email: string;
  /** null removes the member. */
  readonly role: Role | null;
  /**
   * Who asks: an admin of the tenant (checked against the mirror), the user who has just created
   * the tenant (its first admin: nothing to check), or null for the bootstrap tool, which has no caller.
   */
  readonly grantedBy: { admin: string } | { creator: string } | null;
}

/** The uid the audit log names for a grant. */
function actorOf({ grantedBy }: RoleGrant): string | null {
  if (grantedBy === null) return null;
  return 'admin' in grantedBy ? grantedBy.admin : grantedBy.creator;
}

export interface GrantOutcome {
  readonly uid: string;
  /** The email had no account: one was created, without a password. */
  readonly userCreated: boolean;
  readonly mirrorChanged: boolean;
  readonly claimChanged: boolean;
  /** The member lost rights, so their refresh tokens were revoked and their sessions end. */
  readonly tokensRevoked: boolean;
}

/**
 * Gives the user with this email a role in a tenant (null removes them): the one way membership
 * changes, for setMemberRole and the bootstrap tool alike. The members mirror is the source of
 * truth and is written first; the claim then follows it (`reconcileClaim`), so a claim left behind
 * by a failure is repaired by the next grant for that user. Running the same grant twice changes
 * nothing the second time. Removing an email that is not a member is `not-found`, whether or not
 * it has an account (and creates none).
 */
export async function grantRole(services: AdminServices, grant: RoleGrant): Promise<GrantOutcome> {
  // Checked before an account can be created for the email, and again in the mirror's transaction.
  await services.db.runTransaction((tx) => requireGranter(tx, services.db, grant));
  const found = grant.role === null ? await existingUser(services.auth, grant.email) : await userForEmail(services.auth, grant.email);
  if (found === null) throw notAMember(grant);
  const { user, created } = found;
  const previous = await writeMirror(services.db, grant, user);
  const mirrorChanged = previous !== grant.role;
  const tokensRevoked = mirrorChanged && losesRights(previous, grant.role);
  // Before the claim: should setting it fail, the sessions holding the old rights still end.
  if (tokensRevoked) await services.auth.revokeRefreshTokens(user.uid);
  const claimChanged = await reconcileClaim(services, user.uid, grant.tenantId);
  // A removal that found nothing to remove: no member document, and no claim entry left to repair.
  if (grant.role === null && previous === null && !claimChanged) throw notAMember(grant);
  return { uid: user.uid, userCreated: created, mirrorChanged, claimChanged, tokensRevoked };
}

function notAMember({ tenantId, email }: RoleGrant): DomainError {
  return new DomainError('not-found', `No member of ${tenantId} has the email ${email}.`);
}

function requireGranter(tx: Transaction, db: Firestore, { tenantId, grantedBy }: RoleGrant): Promise<void> {
  if (grantedBy === null || !('admin' in grantedBy)) return Promise.resolve();
  return requireMirroredRole(tx, db, { tenantId, uid: grantedBy.admin, needed: 'admin', action: 'manage its members' });
}

function losesRights(previous: Role | null, next: Role | null): boolean {
  if (previous === null) return false;
  return next === null || !roleAtLeast(next, previous);
}

interface FoundUser {
  user: UserRecord;
  /** The account did not exist: it was created just now. */
  created: boolean;
}

/** The account with this email, or null when there is none. */
async function existingUser(auth: Auth, email: string): Promise<FoundUser | null> {
  try {
    return { user: await auth.getUserByEmail(email), created: false };
  } catch (error) {
    if (authCode(error) === 'auth/user-not-found') return null;
    throw error;
  }
}

/** The account with this email, created without a password when there is none (an invite). */
async function userForEmail(auth: Auth, email: string): Promise<FoundUser> {
  const existing = await existingUser(auth, email);
  if (existing !== null) return existing;
  try {
    return { user: await auth.createUser({ email }), created: true };
  } catch (error) {
    // A concurrent invite of the same email created it first.
    if (authCode(error) !== 'auth/email-already-exists') throw error;
    return { user: await auth.getUserByEmail(email), created: false };
  }
}

function authCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

/**
 * Writes the member document (unless it already says the same) and returns the role it gave
 * before. Counting admins through a query in the same transaction serialises concurrent
 * demotions, so a tenant never loses its last admin; the granting admin's own member document is
 * read there too. A change of role is appended to the audit log in the same transaction.
 */
function writeMirror(db: Firestore, grant: RoleGrant, user: UserRecord): Promise<Role | null> {
  const { tenantId, role } = grant;
  const memberRef = db.doc(paths.member(tenantId, user.uid));
  const adminsQuery = db.collection(paths.members(tenantId)).where('role', '==', 'admin');
  const email = user.email ?? grant.email;
  return db.runTransaction(async (tx) => {
    await requireGranter(tx, db, grant);
    const [member, admins] = await Promise.all([tx.get(memberRef), tx.get(adminsQuery)]);
    const previous = mirroredRole(member);
    if (previous === 'admin' && role !== 'admin' && admins.size <= 1) {
      throw new DomainError('failed-precondition', `${tenantId} must keep at least one admin: make someone else admin first.`);
    }
    if (role === null) {
      if (member.exists) {
        tx.delete(memberRef);
        // Its overview heartbeat goes with it: the collection holds a document a member at most.
        tx.delete(db.doc(paths.overviewViewer(tenantId, user.uid)));
      }
    } else if (previous !== role || member.get('email') !== email) {
      const doc: MemberDoc = { email, role, updatedAt: Date.now() };
      tx.set(memberRef, doc);
    }
    if (previous !== role) {
      recordAudit(tx, db, tenantId, { actor: actorOf(grant), action: 'member.role', target: email, oldValue: previous, newValue: role });
    }
    return previous;
  });
}

/**
 * Rebuilds the user's `tenants` claim from the member documents of every tenant it names plus
 * this one, keeping their other claims; true when it had to change. A claim names at most about
 * 20 tenants (custom claims are limited to 1000 bytes), so this reads at most that many documents.
 */
async function reconcileClaim({ db, auth }: AdminServices, uid: string, tenantId: string): Promise<boolean> {
  const claims: Record<string, unknown> = (await auth.getUser(uid)).customClaims ?? {};
  const claimed = claimedTenants(claims['tenants']);
  const tenantIds = [...new Set([...claimed.keys(), tenantId])].filter((id) => tenantIdSchema.safeParse(id).success).sort();
  const members = await db.getAll(...tenantIds.map((id) => db.doc(paths.member(id, uid))));
  const roles = new Map<string, Role>();
  members.forEach((member, index) => {
    const role = mirroredRole(member);
    const id = tenantIds[index];
    if (role !== null && id !== undefined) roles.set(id, role);
  });
  const agrees = claimed.size === roles.size && [...roles].every(([id, role]) => claimed.get(id) === role);
  if (agrees) return false;
  await auth.setCustomUserClaims(uid, { ...claims, tenants: Object.fromEntries(roles) });
  return true;
}

/** The entries of a stored `tenants` claim, read without trusting its shape. */
function claimedTenants(value: unknown): Map<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? new Map(Object.entries(value)) : new Map();
}
