import * as z from 'zod';
import { safeId } from '../ids';
import { maintenanceWindow } from '../maintenance';
import type { CommandKindContract } from './command-kind';

/** An operator cancels a maintenance window, upcoming or in force (it ends at once). */
export const cancelMaintenanceCommand = {
  payload: z.strictObject({ kind: z.literal('cancel-maintenance'), windowId: safeId }),
  /** The window the command removed. */
  previous: maintenanceWindow,
  minimumRole: 'operator',
} as const satisfies CommandKindContract<z.ZodType, z.ZodType>;
