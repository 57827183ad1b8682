import * as z from 'zod';
import { safeId } from '../ids';
import { METRICS_KEPT_PER_HOST } from '../metrics';
import { tenantDoc } from '../documents';
import { requestedLevels, type CommandKindContract } from './command-kind';

/**
 * Bounds of a tenant's settings, judged by applyCommand (firestore.rules holds the count and the
 * name's length too, so an oversized command is refused before it is stored).
 */
export const TENANT_SETTINGS_LIMITS = {
  /** Default thresholds a tenant keeps, one per metric: as many metrics as a host keeps. */
  thresholds: METRICS_KEPT_PER_HOST,
  nameLength: { min: 1, max: 100 },
  /** Up to an hour over a level before an alert opens. */
  sustainSeconds: { min: 0, max: 3_600 },
  /** At most a day; the silent-host sweep runs every minute, so a no-data alert may come up to a minute later. */
  staleAfterSeconds: { min: 10, max: 86_400 },
} as const;

/**
 * An admin replaces the tenant's settings as a whole: its display name, the default levels of
 * every metric that has them (a metric left out has no default and opens no alert unless a host
 * overrides it), how long a level must hold before an alert opens, and when a silent host is stale.
 */
export const setTenantSettingsCommand = {
  payload: z.strictObject({
    kind: z.literal('set-tenant-settings'),
    settings: z.strictObject({
      name: z.string(),
      thresholds: z.record(safeId, requestedLevels),
      sustainSeconds: z.number().int(),
      staleAfterSeconds: z.number().int(),
    }),
  }),
  /** The settings the command replaced. */
  previous: tenantDoc,
  minimumRole: 'admin',
} as const satisfies CommandKindContract<z.ZodType, z.ZodType>;

export type TenantSettings = z.infer<typeof setTenantSettingsCommand.payload>['settings'];
