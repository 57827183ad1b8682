import { describe, expect, it } from 'vitest';
import { INGEST_LIMITS } from '@pulseboard/contracts';
import { mapValueLists, valueCount } from './map-value-lists';

const time = 1_795_400_000.25;
const valueList = (overrides: Record<string, unknown> = {}) => ({
  values: [1_000],
  dstypes: ['derive'],
  dsnames: ['value'],
  time,
  interval: 10,
  host: 'web-01',
  plugin: 'cpu',
  plugin_instance: '0',
  type: 'cpu',
  type_instance: 'idle',
  ...overrides,
});

describe('mapValueLists', () => {
  it('names a single-source value list <plugin>-<instance>.<type>-<instance>, in milliseconds', () => {
    const { cumulative } = mapValueLists([valueList()]);
    expect(cumulative).toEqual([{ point: 0, host: 'web-01', metric: 'cpu-0.cpu-idle', value: 1_000, ts: 1_795_400_000_250, start: 0, reading: 'rate' }]);
  });

  it('appends the data source name when a type has several, and leaves out empty instances', () => {
    const load = valueList({ values: [0.5, 0.25, 0.125], dstypes: ['gauge', 'gauge', 'gauge'], dsnames: ['shortterm', 'midterm', 'longterm'], plugin: 'load', plugin_instance: '', type: 'load', type_instance: '' });
    expect(mapValueLists([load]).samples.map(({ metric, value }) => [metric, value])).toEqual([
      ['load.load.shortterm', 0.5],
      ['load.load.midterm', 0.25],
      ['load.load.longterm', 0.125],
    ]);
  });

  it('keeps gauges as samples, turns counters and derives into rates and absolutes into a rate over their interval', () => {
    const lists = (['gauge', 'counter', 'derive', 'absolute'] as const).map((type) => valueList({ dstypes: [type], type_instance: type, values: [50] }));
    const { samples, cumulative } = mapValueLists(lists);
    expect(samples.map(({ metric, value }) => [metric, value])).toEqual([
      ['cpu-0.cpu-gauge', 50],
      ['cpu-0.cpu-absolute', 5],
    ]);
    expect(cumulative.map(({ metric, reading }) => [metric, reading])).toEqual([
      ['cpu-0.cpu-counter', 'rate'],
      ['cpu-0.cpu-derive', 'rate'],
    ]);
  });

  it('replaces characters outside a metric name and refuses a name that is still not one', () => {
    expect(mapValueLists([valueList({ plugin_instance: 'sda 1/x' })]).cumulative[0]?.metric).toBe('cpu-sda_1_x.cpu-idle');
    expect(mapValueLists([valueList({ type_instance: 'x'.repeat(70) })]).refused.get(0)).toMatch(/not a valid metric name/);
  });

  it.each([
    ['a missing host', { host: undefined }, /host/],
    ['an invalid host', { host: '../etc' }, /not a valid host name/],
    ['a value that is not a number', { values: ['7'] }, /values\.0/],
    ['an unknown data source type', { dstypes: ['histogram'] }, /dstypes\.0/],
    ['lists of different lengths', { values: [1, 2], dsnames: ['a', 'b'] }, /as long as each other/],
    ['NaN, which collectd sends as null', { values: [null], dstypes: ['gauge'] }, /NaN/],
    ['no interval', { interval: 0 }, /interval/],
  ])('refuses a value list with %s, by its index, and keeps the others', (_, overrides, reason) => {
    const mapped = mapValueLists([valueList(), valueList(overrides)]);
    expect(mapped.refused.get(1)).toMatch(reason);
    expect(mapped.refused.has(0)).toBe(false);
    expect(mapped.cumulative).toHaveLength(1);
  });

  it(`refuses the series past ${INGEST_LIMITS.maxMetricsPerBatch} and the hosts past ${INGEST_LIMITS.maxHostsPerBatch}`, () => {
    const wide = Array.from({ length: INGEST_LIMITS.maxMetricsPerBatch + 3 }, (_, i) => valueList({ type_instance: `s${i}` }));
    expect(mapValueLists(wide).refused.size).toBe(3);
    const many = Array.from({ length: INGEST_LIMITS.maxHostsPerBatch + 2 }, (_, i) => valueList({ host: `h${i}` }));
    expect([...mapValueLists(many).refused.values()]).toEqual([expect.stringMatching(/over 100 hosts/), expect.stringMatching(/over 100 hosts/)]);
  });

  it('reads a plugin named like a built-in of Object as a name', () => {
    expect(mapValueLists([valueList({ plugin: 'constructor', plugin_instance: '' })]).cumulative[0]?.metric).toBe('constructor.cpu-idle');
  });
});

describe('valueCount', () => {
  it('counts every data source of every value list, and an unreadable item as one', () => {
    expect(valueCount([valueList(), valueList({ values: [1, 2, 3] }), 'junk'])).toBe(5);
  });
});
