import { DEFAULT_TENANT_SETTINGS, tenantDoc, type TenantDoc } from '@pulseboard/contracts';

/**
 * The tenant document bootstrap leaves: the given name, the stored settings that are valid, the
 * defaults for those missing or malformed, and every other stored field as it was.
 */
export function tenantWithDefaults(stored: Readonly<Record<string, unknown>> | undefined, name: string): Record<string, unknown> & TenantDoc {
  const field = (key: keyof TenantDoc): unknown => (stored !== undefined && Object.hasOwn(stored, key) ? stored[key] : undefined);
  const thresholds = tenantDoc.shape.thresholds.safeParse(field('thresholds'));
  const sustainSeconds = tenantDoc.shape.sustainSeconds.safeParse(field('sustainSeconds'));
  const staleAfterSeconds = tenantDoc.shape.staleAfterSeconds.safeParse(field('staleAfterSeconds'));
  return {
    ...stored,
    name,
    thresholds: thresholds.success ? thresholds.data : DEFAULT_TENANT_SETTINGS.thresholds,
    sustainSeconds: sustainSeconds.success ? sustainSeconds.data : DEFAULT_TENANT_SETTINGS.sustainSeconds,
    staleAfterSeconds: staleAfterSeconds.success ? staleAfterSeconds.data : DEFAULT_TENANT_SETTINGS.staleAfterSeconds,
  };
}
