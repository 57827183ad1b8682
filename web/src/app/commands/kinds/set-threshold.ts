import type { ThresholdLevels } from '@pulseboard/contracts';
import type { Overlaid, PendingCommand } from '../pending-commands';
import { newestPending } from './newest-pending';
import type { WebCommandKind } from './web-command-kind';

const formatLevels = (levels: ThresholdLevels | null): string => (levels === null ? 'default' : `${levels.warning} / ${levels.critical}`);

/** A host's levels for one metric; null means the host follows the tenant default. */
export function overlaidThreshold(
  server: ThresholdLevels | null,
  pending: readonly PendingCommand[],
  host: string,
  metric: string,
): Overlaid<ThresholdLevels | null> {
  const newest = newestPending(pending, 'set-threshold', (p) => p.host === host && p.metric === metric);
  return newest ? { value: newest.payload.levels, pendingId: newest.id } : { value: server, pendingId: null };
}

export const setThreshold: WebCommandKind<'set-threshold'> = {
  describe: ({ host, metric, levels }) =>
    levels ? `Threshold ${metric} on ${host} (${formatLevels(levels)})` : `Threshold ${metric} on ${host} back to the tenant default`,
  requested: ({ metric, levels }) => `${metric}: ${formatLevels(levels)}`,
  replaced: (previous, { metric }) => `${metric}: ${formatLevels(previous)}`,
};
