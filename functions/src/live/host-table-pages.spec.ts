import { describe, expect, it } from 'vitest';
import {
  DIGEST_METRICS,
  DIGEST_OTHER_METRICS,
  FLEET_SHARDS,
  HOST_TABLE_PAGES,
  HOST_TABLE_PAGE_LIMITS,
  hostTablePageOf,
  paths,
  type HostDigest,
  type HostTablePageDoc,
} from '@pulseboard/contracts';
import { LONGEST_TENANT_PATH, MIB, documentSize, longName } from '../shared/storage-size.fixture';
import { nextTablePages, tablePagesOf } from './host-table-pages';

function digest(lastSeen: number, cpu = 1): HostDigest {
  return { lastSeen, metrics: { cpu: { value: cpu, ts: lastSeen } }, errorsPerMinute: 0, thresholds: {}, silencedUntil: null };
}

const row = (lastSeen: number, cpu = 1) => ({ lastSeen, values: { cpu }, errorsPerMinute: 0, thresholds: {}, silencedUntil: null });

/** Two shards on one page, and one on another. */
const SHARD = 0;
const SAME_PAGE = HOST_TABLE_PAGES;
const OTHER_PAGE = 1;

describe('nextTablePages', () => {
  it("lists each changed shard's hosts on its page, values without their times", () => {
    const pages = nextTablePages(new Map(), [{ shard: SHARD, hosts: { a: digest(5, 10) } }, { shard: OTHER_PAGE, hosts: { b: digest(6, 20) } }]);
    expect(pages).toEqual([
      { page: hostTablePageOf(SHARD), hosts: { a: row(5, 10) } },
      { page: hostTablePageOf(OTHER_PAGE), hosts: { b: row(6, 20) } },
    ]);
  });

  it("keeps the page's other hosts and writes no page whose rows did not change", () => {
    const stored = new Map<number, HostTablePageDoc>([[0, { page: 0, hosts: { a: row(5), kept: row(1) } }]]);
    expect(nextTablePages(stored, [{ shard: SHARD, hosts: { a: digest(9) } }])).toEqual([{ page: 0, hosts: { a: row(9), kept: row(1) } }]);
    expect(nextTablePages(stored, [{ shard: SHARD, hosts: { a: digest(5) } }])).toEqual([]);
  });

  it('keeps the newest row of a host whose batches moved to another shard of its page, whichever shard changes', () => {
    const moved = nextTablePages(new Map(), [{ shard: SAME_PAGE, hosts: { h: digest(9, 90) } }, { shard: SHARD, hosts: { h: digest(3, 30) } }]);
    expect(moved).toEqual([{ page: 0, hosts: { h: row(9, 90) } }]);
    const [page] = moved;
    if (page === undefined) throw new Error('no page');
    // The old shard changes again (another host's batch), its digest of h as old as before.
    expect(nextTablePages(new Map([[0, page]]), [{ shard: SHARD, hosts: { h: digest(3, 30), other: digest(4) } }])).toEqual([
      { page: 0, hosts: { h: row(9, 90), other: row(4) } },
    ]);
  });

  it('lists a host whose batches moved to a shard of another page on both pages (the browser keeps its newest)', () => {
    const pages = nextTablePages(new Map(), [{ shard: SHARD, hosts: { h: digest(3) } }, { shard: OTHER_PAGE, hosts: { h: digest(9) } }]);
    expect(pages.map((page) => [page.page, page.hosts['h']?.lastSeen])).toEqual([[0, 3], [1, 9]]);
  });

  it('drops the longest-silent hosts past the rows a page keeps', () => {
    const stored = new Map<number, HostTablePageDoc>([[0, { page: 0, hosts: { old: row(1), recent: row(7) } }]]);
    const [page] = nextTablePages(stored, [{ shard: SHARD, hosts: { fresh: digest(9), older: digest(0) } }], { hosts: 2, rowBytes: 1_000 });
    expect(Object.keys(page?.hosts ?? {}).sort()).toEqual(['fresh', 'recent']);
  });

  it('drops the longest-silent hosts past the bytes a page keeps', () => {
    // A row of `h1`: 3 B of name, 86 B of fields (lastSeen 17, values 19, errorsPerMinute 24, thresholds 11, silencedUntil 15).
    const [page] = nextTablePages(new Map(), [{ shard: SHARD, hosts: { h1: digest(1), h2: digest(2), h3: digest(3) } }], { hosts: 10, rowBytes: 2 * 89 });
    expect(Object.keys(page?.hosts ?? {}).sort()).toEqual(['h2', 'h3']);
  });

  it('never keeps more rows than HOST_TABLE_PAGE_LIMITS.hosts, however many hosts its shards hold', () => {
    const hosts = Object.fromEntries(Array.from({ length: HOST_TABLE_PAGE_LIMITS.hosts + 50 }, (_, i) => [`h${i}`, digest(i)]));
    const [page] = nextTablePages(new Map(), [{ shard: SHARD, hosts }]);
    expect(Object.keys(page?.hosts ?? {})).toHaveLength(HOST_TABLE_PAGE_LIMITS.hosts);
    expect(page?.hosts['h0']).toBeUndefined();
  });
});

describe('tablePagesOf', () => {
  it('names each page of the changed shards once, at most HOST_TABLE_PAGES of them', () => {
    const every = Array.from({ length: FLEET_SHARDS }, (_, shard) => ({ shard, hosts: {} }));
    expect(tablePagesOf(every)).toEqual(Array.from({ length: HOST_TABLE_PAGES }, (_, page) => page));
    expect(tablePagesOf([{ shard: SHARD, hosts: {} }, { shard: SAME_PAGE, hosts: {} }])).toEqual([0]);
  });
});

describe('a hosts table page, worst case', () => {
  it('stays under 1 MiB however wide its rows, and holds every typical row of a 10,000-host tenant', () => {
    const levels = { warning: -1e15, critical: 1e15 };
    const others = Array.from({ length: DIGEST_OTHER_METRICS }, (_, i) => longName('other-metric-', i));
    const widest = (i: number): HostDigest => ({
      lastSeen: 1_795_400_000_000 + i,
      metrics: Object.fromEntries([...DIGEST_METRICS, ...others].map((metric) => [metric, { value: -1e15, ts: 1 }])),
      errorsPerMinute: 1e15,
      thresholds: Object.fromEntries(DIGEST_METRICS.map((metric) => [metric, levels])),
      silencedUntil: 1_795_400_000_000,
    });
    const hosts = Object.fromEntries(Array.from({ length: HOST_TABLE_PAGE_LIMITS.hosts }, (_, i) => [longName('host-', i), widest(i)]));
    const [page] = nextTablePages(new Map(), [{ shard: SHARD, hosts }]);
    if (page === undefined) throw new Error('no page');
    const size = documentSize(`${LONGEST_TENANT_PATH}/${paths.hostTablePage('t', 0).split('/').slice(2).join('/')}`, page);
    expect(size).toBeLessThan(MIB);
    // The simulator's hosts: short names, the three card metrics and two others, no override.
    const typical = (i: number): HostDigest => ({
      lastSeen: 1_795_400_000_000 + i,
      metrics: Object.fromEntries(['cpu', 'requests', 'active_users', 'disk_writes', 'net_in'].map((metric) => [metric, { value: 12.5, ts: 1 }])),
      errorsPerMinute: 0,
      thresholds: {},
      silencedUntil: null,
    });
    // 10,000 hosts over 64 shards, 13 of them on a page: about 2,030, at most 4,000 kept.
    const fleet = Object.fromEntries(Array.from({ length: HOST_TABLE_PAGE_LIMITS.hosts }, (_, i) => [`web-${String(i).padStart(5, '0')}`, typical(i)]));
    const [typicalPage] = nextTablePages(new Map(), [{ shard: SHARD, hosts: fleet }]);
    if (typicalPage === undefined) throw new Error('no page');
    expect(Object.keys(typicalPage.hosts)).toHaveLength(HOST_TABLE_PAGE_LIMITS.hosts);
    // The figures DATA-MODEL states ("The hosts table"): widest rows kept, the page's size, a typical page of 4,000 rows.
    expect([Object.keys(page.hosts).length, Math.round(size / 1_000), Math.round(documentSize(paths.hostTablePage('t', 0), typicalPage) / 1_000)]).toEqual([1_915, 1_000, 676]);
  });
});
