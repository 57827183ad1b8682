import * as z from 'zod';
import { safeId } from '../ids';
import { alertState } from '../documents';
import type { CommandKindContract } from './command-kind';

/** An operator resolves an alert that is open or acknowledged. */
export const resolveAlertCommand = {
  payload: z.strictObject({ kind: z.literal('resolve-alert'), alertId: safeId }),
  /** The alert's state before. */
  previous: alertState,
  minimumRole: 'operator',
} as const satisfies CommandKindContract<z.ZodType, z.ZodType>;
