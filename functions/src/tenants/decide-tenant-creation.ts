import { DomainError } from '../shared/errors';

/** Everything the decision needs, read in the transaction. */
export interface TenantCreationContext {
  readonly tenantId: string;
  readonly callerUid: string;
  /** The deployment lets users create workspaces (param SELF_SERVICE_TENANTS). */
  readonly selfService: boolean;
  /** The most workspaces one user may create (param TENANTS_PER_USER). */
  readonly limit: number;
  /**
   * The tenant with this id, when one exists: who created it (null when it was bootstrapped) and
   * whether it has any member.
   */
  readonly existing: { readonly createdBy: string | null; readonly hasMembers: boolean } | null;
  /** How many workspaces the caller has created so far (counted up to the limit). */
  readonly createdByCaller: number;
}

/**
 * `create`: a new tenant; `resume`: the caller created it already and it has no member yet (a
 * failure after the tenant was written), so only the grant runs again. Once it has members, its
 * creator is a member like any other: removed, they cannot make themselves admin again this way.
 */
export type TenantCreation = { readonly kind: 'create' } | { readonly kind: 'resume' };

/** Whether the caller may create this workspace; a domain error saying why not. */
export function decideTenantCreation(context: TenantCreationContext): TenantCreation {
  if (!context.selfService) {
    throw new DomainError('permission-denied', 'This deployment creates workspaces by invitation only: ask an administrator to add you.');
  }
  if (context.existing !== null) {
    if (context.existing.createdBy === context.callerUid && !context.existing.hasMembers) return { kind: 'resume' };
    throw new DomainError('already-exists', `The workspace id ${context.tenantId} is taken: choose another.`);
  }
  if (context.createdByCaller >= context.limit) {
    throw new DomainError('failed-precondition', `You have created ${context.createdByCaller} workspaces, the most one person may create here.`);
  }
  return { kind: 'create' };
}
