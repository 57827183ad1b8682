import type { TelemetryEvent } from '@pulseboard/contracts';

/** The well-known metrics a bench's hosts report (as bench:soak and bench:cost's agents do). */
export const FLEET_METRICS = ['cpu', 'requests', 'active_users'] as const;

/**
 * `perHost` samples of each host, going round the metrics and a second apart per round: with
 * `perHost` = flush seconds x metrics, a host agent sampling every second (Telegraf, collectd) and
 * flushing every `flush` seconds; with `perHost` = metrics, one sample of each as a collector posts it.
 */
export function hostSamples(hosts: readonly string[], perHost: number, now: number): TelemetryEvent[] {
  return hosts.flatMap((host) =>
    Array.from({ length: perHost }, (_, i) => ({
      type: 'metric' as const,
      host,
      metric: FLEET_METRICS[i % FLEET_METRICS.length] ?? 'cpu',
      // Below every default threshold: the benches measure the data path, not alert storms.
      value: Math.round(Math.random() * 500) / 10,
      ts: now - Math.floor(i / FLEET_METRICS.length) * 1000,
    })),
  );
}
