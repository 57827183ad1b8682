import * as z from 'zod';
import { safeId } from '../ids';
import type { CommandKindContract } from './command-kind';

/**
 * An operator schedules a maintenance window for one host or the whole tenant (host null). The
 * client names the window, so it can show it at once and cancel it before the answer arrives.
 * Bounds and overlaps are applyCommand's to judge, with a reason (contracts/src/maintenance.ts).
 */
export const scheduleMaintenanceCommand = {
  payload: z.strictObject({
    kind: z.literal('schedule-maintenance'),
    windowId: safeId,
    /** null: every host of the tenant. */
    host: safeId.nullable(),
    /** Epoch ms. */
    start: z.number().int().nonnegative(),
    /** Epoch ms, after start. */
    end: z.number().int().nonnegative(),
    note: z.string(),
  }),
  /** A new window replaces nothing. */
  previous: z.null(),
  minimumRole: 'operator',
} as const satisfies CommandKindContract<z.ZodType, z.ZodType>;
