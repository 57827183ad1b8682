import type { CommandKind, PayloadOf, PreviousOf } from '@pulseboard/contracts';

/** How the web speaks of one command kind: in a rollback notice and in a command history. */
export interface WebCommandKind<K extends CommandKind> {
  /** The change as a subject: "Threshold cpu on web-01 (60 / 90)" [was rejected: …]. */
  describe(payload: PayloadOf<K>): string;
  /** The value asked for, as the history's "new value". */
  requested(payload: PayloadOf<K>): string;
  /** The value an applied command replaced, as the history's "old value". */
  replaced(previous: PreviousOf<K>, payload: PayloadOf<K>): string;
}
