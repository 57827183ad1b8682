import { describe, expect, it } from 'vitest';
import type { HostWindow } from '@pulseboard/contracts';
import { metricNames } from './settings-gateway';

const HOUR = 1_800_000_000_000;
const sample = { count: 1, sum: 1, min: 1, max: 1, last: 1, lastTs: HOUR };
const hour = (...names: string[]): HostWindow => ({ start: HOUR, metrics: Object.fromEntries(names.map((name) => [name, sample])), errorCount: 0 });

describe('metricNames', () => {
  it("names every metric of a level-0 shard's hour windows and of a folded shard's metric names, once each, sorted", () => {
    const levelZero = { windows: { '10s': [], '1m': [], '1h': [hour('disk', 'cpu'), hour('cpu')] } };
    const folded = { windows: { '10s': [], '1m': [], '1h': [] }, metricNames: { queue_depth: HOUR, disk: HOUR } };
    expect(metricNames([levelZero, folded])).toEqual(['cpu', 'disk', 'queue_depth']);
  });
});
