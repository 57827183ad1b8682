import * as z from 'zod';
import { safeId } from '../ids';
import { epochMs } from '../time';
import type { CommandKindContract } from './command-kind';

/** An operator silences a host's alerts until a time, or lifts its silence. */
export const silenceHostCommand = {
  payload: z.strictObject({
    kind: z.literal('silence-host'),
    host: safeId,
    /** Epoch ms; null lifts the silence. */
    until: z.number().int().nonnegative().nullable(),
  }),
  /** The silence end the command replaced; null when the host was not silenced. */
  previous: epochMs.nullable(),
  minimumRole: 'operator',
} as const satisfies CommandKindContract<z.ZodType, z.ZodType>;
