import { z } from 'zod';
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

/** `npm run admin -- bootstrap`: a tenant, its display name and its first admin (a public contract). */
export const bootstrapRequest = z.strictObject({
  tenantId,
  name: z.string().trim().min(1).max(100),
  adminEmail: setMemberRoleRequest.shape.email,
});
export type BootstrapRequest = z.infer<typeof bootstrapRequest>;
