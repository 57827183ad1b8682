import { CARD_METRICS, mergeAggregates, type Aggregate, type HostWindow, type LiveWindow } from '@pulseboard/contracts';

/** 10 s windows of several documents (shards, hosts), summed by start with the contracts' merge: what the overview's windows must hold. */
export function mergedWindows(windows: readonly HostWindow[]): LiveWindow[] {
  const starts = [...new Set(windows.map((window) => window.start))].sort((a, b) => a - b);
  return starts.map((start) => {
    const ofWindow = windows.filter((window) => window.start === start);
    const metrics: Partial<Record<(typeof CARD_METRICS)[number], Aggregate>> = {};
    for (const name of CARD_METRICS) {
      const sum = ofWindow.reduce<Aggregate | undefined>((total, window) => mergeAggregates(total, window.metrics[name]), undefined);
      if (sum !== undefined) metrics[name] = sum;
    }
    return { start, end: start + 10_000, metrics, errors: ofWindow.reduce((total, window) => total + window.errorCount, 0) };
  });
}
