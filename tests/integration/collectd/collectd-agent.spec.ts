import { afterAll, describe, expect, it } from 'vitest';
import { ingestTenant } from '../ingest/ingest-fixture';
import { hourlyAggregate } from '../otlp/otlp-fixture';
import { startCollectd, type RunningCollectd } from './collectd-fixture';

/** What collectd's cpu plugin reports per CPU (ReportByState), in jiffies: together they are all of that CPU's time. */
const CPU_STATES = ['user', 'nice', 'system', 'idle', 'wait', 'interrupt', 'softirq', 'steal'] as const;
/** Linux counts CPU time in USER_HZ ticks, 100 a second on every architecture Debian ships. */
const JIFFIES_PER_SECOND = 100;

async function eventually<T>(read: () => Promise<T | undefined>, timeoutMs: number, what: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

describe('collectd (the real daemon, write_http Format JSON)', () => {
  let daemon: RunningCollectd | undefined;
  afterAll(async () => {
    await daemon?.stop();
  });

  it("sends this machine's CPU, load and memory into the host's windows, counters as rates", async () => {
    const { tenantId, key } = await ingestTenant();
    const host = `collectd-${tenantId}`;
    daemon = await startCollectd(host, key);
    const running = daemon;
    const cpuMetrics = CPU_STATES.map((state) => `cpu-0.cpu-${state}`);

    // Each rate needs two points of its series, so wait for a few of every state.
    const cpu = await eventually(
      async () => {
        const aggregates = await Promise.all(cpuMetrics.map((metric) => hourlyAggregate(tenantId, host, metric)));
        return aggregates.every((aggregate) => aggregate !== undefined && aggregate.count >= 3) ? aggregates.flatMap((a) => (a === undefined ? [] : [a])) : undefined;
      },
      45_000,
      () => `cpu-0 rates from collectd; its log:\n${running.log()}`,
    );
    // Every state's mean rate, summed: all of CPU 0's time, one second's worth of ticks a second.
    const ticksPerSecond = cpu.reduce((total, aggregate) => total + aggregate.sum / aggregate.count, 0);
    expect(ticksPerSecond).toBeGreaterThan(JIFFIES_PER_SECOND * 0.9);
    expect(ticksPerSecond).toBeLessThan(JIFFIES_PER_SECOND * 1.1);
    for (const aggregate of cpu) expect(aggregate.min).toBeGreaterThanOrEqual(0);

    const load = await hourlyAggregate(tenantId, host, 'load.load.shortterm');
    expect(load?.min).toBeGreaterThanOrEqual(0);
    const memoryUsed = await hourlyAggregate(tenantId, host, 'memory.memory-used');
    expect(memoryUsed?.min).toBeGreaterThan(0);

    expect(await running.stop()).toBe(0);
    expect(running.log()).toMatch(/Exiting normally/);
    expect(running.log()).not.toMatch(/write_http plugin: .*(error|failed)/i);
    daemon = undefined;
  }, 90_000);
});
