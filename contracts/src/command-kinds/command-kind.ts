import * as z from 'zod';
import type { Role } from '../ids';

/**
 * What the contracts say of one command kind: what the client may ask (its payload), what the
 * function records as replaced when it applies one (`previous`), and the least role that may ask.
 * firestore.rules admits each kind for the same role (contracts/src/command-kinds/rules-agree.spec.ts
 * holds the two together).
 */
export interface CommandKindContract<Payload extends z.ZodType, Previous extends z.ZodType> {
  readonly payload: Payload;
  readonly previous: Previous;
  readonly minimumRole: Extract<Role, 'operator' | 'admin'>;
}

/** A finite level; ordering and per-metric ranges are applyCommand's to judge, so it can say why. */
export const finiteLevel = z.number().refine(Number.isFinite, 'must be a finite number');

/** Levels as a client may send them: shape only (see finiteLevel). */
export const requestedLevels = z.strictObject({ warning: finiteLevel, critical: finiteLevel });
