import { describe, expect, it } from 'vitest';
import { PROTOTYPE_MEMBER_NAMES, safeId } from '@pulseboard/contracts';
import { fleetShard } from '../testing/fake-gateways';
import { fleetFigure, latestWindow, sumFleetShards, withoutCutWindow } from './fleet-summary';

const T0 = 1_795_400_000_000;

describe('sumFleetShards', () => {
  it('sums the shards of one window into one fleet window', () => {
    const [window] = sumFleetShards([fleetShard(T0, 0, { cpu: [10, 20] }, 1), fleetShard(T0, 1, { cpu: [60] }, 2)]);
    expect(window?.metrics['cpu']).toMatchObject({ count: 3, sum: 90, min: 10, max: 60 });
    expect(window?.errors).toBe(3);
  });

  it('orders windows oldest first whatever the order of the shards', () => {
    const windows = sumFleetShards([fleetShard(T0 + 10_000, 0, { cpu: [1] }), fleetShard(T0, 0, { cpu: [2] })]);
    expect(windows.map((window) => window.start)).toEqual([T0, T0 + 10_000]);
  });

  it('sums metrics named like Object.prototype members under their own names', () => {
    const names = PROTOTYPE_MEMBER_NAMES.filter((name) => safeId.safeParse(name).success);
    const byName = (values: number[]) => Object.fromEntries(names.map((name) => [name, values]));
    const [window] = sumFleetShards([fleetShard(T0, 0, byName([1, 2])), fleetShard(T0, 1, byName([3]))]);
    expect(Object.keys(window?.metrics ?? {}).sort()).toEqual([...names].sort());
    for (const name of names) expect(Object.hasOwn(window?.metrics ?? {}, name) && window?.metrics[name]).toMatchObject({ count: 3, sum: 6 });
  });

  it('keeps the same last sample whatever order shards whose newest samples tie arrive in', () => {
    const one = fleetShard(T0, 0, { cpu: [10] });
    const other = fleetShard(T0, 1, { cpu: [70] });
    expect(sumFleetShards([one, other])).toEqual(sumFleetShards([other, one]));
  });

  it('ignores windows of other resolutions', () => {
    expect(sumFleetShards([{ ...fleetShard(T0, 0, { cpu: [1] }), resolution: '1m' }])).toEqual([]);
  });
});

describe('withoutCutWindow', () => {
  const newestFirst = [fleetShard(T0 + 20_000, 0, { cpu: [1] }), fleetShard(T0 + 20_000, 1, { cpu: [2] }), fleetShard(T0 + 10_000, 0, { cpu: [3] }), fleetShard(T0, 5, { cpu: [4] })];

  it('keeps every shard while the query stayed under its cap', () => {
    expect(withoutCutWindow(newestFirst, 5)).toEqual(newestFirst);
  });

  it('leaves out the oldest window once the cap was reached, as it may be partial', () => {
    expect(withoutCutWindow(newestFirst, 4).map((shard) => shard.start)).toEqual([T0 + 20_000, T0 + 20_000, T0 + 10_000]);
  });
});

describe('fleetFigure', () => {
  const [window] = sumFleetShards([
    fleetShard(T0, 0, { cpu: [40, 60], requests: [300, 200], active_users: [10, 30] }),
  ]);
  if (!window) throw new Error('fixture has one window');

  it('shows CPU as the mean of the samples', () => {
    expect(fleetFigure('cpu', window, T0 + 10_000, 2)).toBe(50);
  });

  it('shows requests per second over a complete window', () => {
    expect(fleetFigure('requests', window, T0 + 60_000, 2)).toBe(50);
  });

  it('shows requests per second over the elapsed part of the current window', () => {
    expect(fleetFigure('requests', window, T0 + 5_000, 2)).toBe(100);
  });

  it('shows active users as the mean per host times the hosts reporting', () => {
    expect(fleetFigure('active_users', window, T0, 3)).toBe(60);
  });

  it('shows nothing for a metric the window lacks', () => {
    const [cpuOnly] = sumFleetShards([fleetShard(T0, 0, { cpu: [1] })]);
    expect(cpuOnly && fleetFigure('requests', cpuOnly, T0, 1)).toBeNull();
  });

  it('takes the newest window as the latest', () => {
    const windows = sumFleetShards([fleetShard(T0, 0, { cpu: [1] }), fleetShard(T0 + 10_000, 0, { cpu: [2] })]);
    expect(latestWindow(windows)?.start).toBe(T0 + 10_000);
    expect(latestWindow([])).toBeNull();
  });
});
