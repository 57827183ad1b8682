import * as z from 'zod';
import { safeId } from '../ids';
import { METRICS_KEPT_PER_HOST } from '../metrics';
import { thresholdLevels } from '../thresholds';
import { requestedLevels, type CommandKindContract } from './command-kind';

/**
 * How many metrics one host may override: as many as it keeps. A command that would add one more
 * is rejected (ever-new metric names must not grow the host document without bound).
 */
export const HOST_THRESHOLDS_MAX = METRICS_KEPT_PER_HOST;

/** An operator overrides one metric's levels on one host. */
export const setThresholdCommand = {
  payload: z.strictObject({
    kind: z.literal('set-threshold'),
    host: safeId,
    metric: safeId,
    /** null restores the tenant default. */
    levels: requestedLevels.nullable(),
  }),
  /** The host's override the command replaced; null when it followed the tenant default. */
  previous: thresholdLevels.nullable(),
  minimumRole: 'operator',
} as const satisfies CommandKindContract<z.ZodType, z.ZodType>;
