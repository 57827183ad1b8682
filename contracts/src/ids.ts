import * as z from 'zod';

/**
 * An identifier that is safe as a Firestore document id and inside composite ids: no `/`,
 * never `.`, `..` or `__reserved__` (it must start with a letter or digit), bounded length.
 */
export const SAFE_ID_MAX = 64;
export const SAFE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
export const safeId = z
  .string()
  .regex(
    SAFE_ID_PATTERN,
    'must start with a letter or digit and hold only letters, digits, ".", "_", ":" and "-"',
  )
  .max(SAFE_ID_MAX);

/** Tenant ids also appear in custom claims and URLs: lowercase, no dots. */
export const tenantId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1-40 lowercase letters, digits or "-"');
export type TenantId = z.infer<typeof tenantId>;

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export const role = z.enum(ROLES);
export type Role = z.infer<typeof role>;

/** Custom claims set by the Admin SDK: the caller's role in each tenant. */
export const membershipClaims = z.object({ tenants: z.record(tenantId, role) });
export type MembershipClaims = z.infer<typeof membershipClaims>;

const ROLE_RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
export function roleAtLeast(actual: Role | undefined, needed: Role): boolean {
  return actual !== undefined && ROLE_RANK[actual] >= ROLE_RANK[needed];
}

/**
 * A part of a metric name made from an agent's labels (OTLP attribute values, collectd plugin and
 * type names): every character outside [A-Za-z0-9._-] becomes "_", so ":" only ever separates parts.
 */
export function metricNamePart(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_');
}
