import { z } from 'zod';
import { safeId } from '../ids';
import { thresholdLevels } from '../thresholds';
import { requestedLevels, type CommandKindContract } from './command-kind';

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
