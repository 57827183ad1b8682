import type { CallableRequest } from 'firebase-functions/v2/https';
import { membershipClaims } from '@pulseboard/contracts';
import { DomainError } from '../shared/errors';

/** The caller's uid, when their custom claim makes them an admin of the tenant; a domain error otherwise. */
export function requireTenantAdmin(request: CallableRequest<unknown>, tenantId: string): string {
  if (request.auth === undefined) throw new DomainError('unauthenticated', 'Sign in to manage ingest keys.');
  const claims = membershipClaims.safeParse(request.auth.token);
  if (!claims.success || claims.data.tenants[tenantId] !== 'admin') {
    throw new DomainError('permission-denied', `Only admins of ${tenantId} can manage its ingest keys.`);
  }
  return request.auth.uid;
}
