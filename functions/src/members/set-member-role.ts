import { logger } from 'firebase-functions';
import { setMemberRoleRequest, type SetMemberRoleResponse, type SetMemberRoleRequest } from '@pulseboard/contracts';
import { signedInCallable, type SignedInCall } from '../shared/callable';
import { auth, db } from '../shared/admin';
import { grantRole } from './grant-role';

/**
 * An admin of a tenant invites a member by email, changes their role or removes them (role null).
 * An email without an account gets one (no password; the person sets it through a reset link), so
 * the answer is the same whether or not the email was known. grantRole holds the rules.
 */
export const setMemberRole = signedInCallable({ name: 'setMemberRole', request: setMemberRoleRequest, action: 'manage members' }, changeMemberRole);

async function changeMemberRole({ data, callerUid }: SignedInCall<SetMemberRoleRequest>): Promise<SetMemberRoleResponse> {
  const { tenantId, email, role } = data;

  const outcome = await grantRole({ db, auth }, { tenantId, email, role, grantedBy: { admin: callerUid } });
  logger.info('member role set', { tenantId, role, by: callerUid, ...outcome });
  return { uid: outcome.uid, role };
}
