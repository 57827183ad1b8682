import type { Overlaid, PendingCommand } from '../pending-commands';
import { newestPending } from './newest-pending';
import type { WebCommandKind } from './web-command-kind';

const formatSilence = (until: number | null): string =>
  until === null ? 'not silenced' : `silenced until ${new Date(until).toLocaleString()}`;

/** A host's silence end (epoch ms), or null when it is not silenced. */
export function overlaidSilence(server: number | null, pending: readonly PendingCommand[], host: string): Overlaid<number | null> {
  const newest = newestPending(pending, 'silence-host', (p) => p.host === host);
  return newest ? { value: newest.payload.until, pendingId: newest.id } : { value: server, pendingId: null };
}

export const silenceHost: WebCommandKind<'silence-host'> = {
  describe: ({ host, until }) => (until === null ? `Lifting the silence of ${host}` : `Silencing ${host}`),
  requested: ({ until }) => formatSilence(until),
  replaced: (previous) => formatSilence(previous),
};
