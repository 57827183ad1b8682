import * as z from 'zod';
import { safeId } from '../ids';
import { alertState } from '../documents';
import type { CommandKindContract } from './command-kind';

/** An operator acknowledges an open alert. */
export const ackAlertCommand = {
  payload: z.strictObject({ kind: z.literal('ack-alert'), alertId: safeId }),
  /** The alert's state before (always `open`: only an open alert can be acknowledged). */
  previous: alertState,
  minimumRole: 'operator',
} as const satisfies CommandKindContract<z.ZodType, z.ZodType>;
