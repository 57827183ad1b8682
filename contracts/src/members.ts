import * as z from 'zod';
import { role, tenantId } from './ids';

/** setMemberRole callable: an admin of tenantId gives a role to the user with this email; null removes them. */
export const setMemberRoleRequest = z.strictObject({
  tenantId,
  email: z.email().max(254),
  role: role.nullable(),
});
export type SetMemberRoleRequest = z.infer<typeof setMemberRoleRequest>;

export const setMemberRoleResponse = z.object({ uid: z.string(), role: role.nullable() });
export type SetMemberRoleResponse = z.infer<typeof setMemberRoleResponse>;

/** How many workspaces one user may create through createTenant unless the deployment says otherwise. */
export const TENANTS_PER_USER = 3;

/** createTenant callable (a public contract): the caller creates a workspace and becomes its admin. */
export const createTenantRequest = z.strictObject({
  tenantId,
  name: z.string().trim().min(1).max(100),
});
export type CreateTenantRequest = z.infer<typeof createTenantRequest>;

export const createTenantResponse = z.object({ tenantId, name: z.string() });
export type CreateTenantResponse = z.infer<typeof createTenantResponse>;

/** `npm run admin -- bootstrap`: a tenant, its display name and its first admin (a public contract). */
export const bootstrapRequest = z.strictObject({
  tenantId,
  name: createTenantRequest.shape.name,
  adminEmail: setMemberRoleRequest.shape.email,
});
export type BootstrapRequest = z.infer<typeof bootstrapRequest>;
