import { onCall, type CallableRequest } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions';
import { describeIssues, setMemberRoleRequest, type SetMemberRoleResponse } from '@pulseboard/contracts';
import { CALLABLE_OPTIONS } from '../shared/callable-options';
import { auth, db } from '../shared/admin';
import { DomainError, toHttpsError } from '../shared/errors';
import { grantRole } from './grant-role';
import { signedInCaller } from './membership';

/**
 * An admin of a tenant invites a member by email, changes their role or removes them (role null).
 * An email without an account gets one (no password; the person sets it through a reset link), so
 * the answer is the same whether or not the email was known. grantRole holds the rules.
 */
export const setMemberRole = onCall(CALLABLE_OPTIONS, async (request): Promise<SetMemberRoleResponse> => {
  try {
    return await changeMemberRole(request);
  } catch (error) {
    throw toHttpsError(error, { function: 'setMemberRole', caller: request.auth?.uid });
  }
});

async function changeMemberRole(request: CallableRequest<unknown>): Promise<SetMemberRoleResponse> {
  const callerUid = signedInCaller(request, 'manage members');
  const parsed = setMemberRoleRequest.safeParse(request.data);
  if (!parsed.success) throw new DomainError('invalid-argument', describeIssues(parsed.error));
  const { tenantId, email, role } = parsed.data;

  const outcome = await grantRole({ db, auth }, { tenantId, email, role, grantedBy: { admin: callerUid } });
  logger.info('member role set', { tenantId, role, by: callerUid, ...outcome });
  return { uid: outcome.uid, role };
}
