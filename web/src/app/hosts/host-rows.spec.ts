import { describe, expect, it } from 'vitest';
import type { FleetSettings, HostDoc, HostTableRow } from '@pulseboard/contracts';
import {
  hostsOfPages,
  metricSortKey,
  sameRows,
  TableHostsOfPages,
  TableRows,
  metricValue,
  overrideOf,
  selectRows,
  tableHostOf,
  tableHostOfRow,
  toHostRow,
  toTableRow,
  withHostDocuments,
  type HostRow,
  type RowQuery,
  type TableHost,
  type TablePage,
} from './host-rows';

const NOW = 1_800_000_000_000;
const SETTINGS: FleetSettings = {
  thresholds: { cpu: { warning: 80, critical: 95 }, errors: { warning: 5, critical: 20 } },
  staleAfterSeconds: 30,
};

function host(name: string, cpu: number, overrides: Partial<HostDoc> = {}): HostDoc {
  return {
    host: name,
    lastSeen: NOW - 1_000,
    metrics: { cpu: { value: cpu, ts: NOW - 1_000 } },
    recentErrors: [],
    errorsPerMinute: 0,
    thresholds: {},
    silencedUntil: null,
    activeAlerts: {},
    ...overrides,
  };
}

describe('toHostRow status', () => {
  it.each([
    [50, 'ok'],
    [80, 'warning'],
    [95, 'critical'],
  ] as const)('cpu %d against the tenant default reads %s', (cpu, status) => {
    expect(toHostRow(host('h', cpu), SETTINGS, NOW).status).toBe(status);
  });

  it('uses the host override before the tenant default', () => {
    const doc = host('h', 50, { thresholds: { cpu: { warning: 40, critical: 60 } } });
    expect(toHostRow(doc, SETTINGS, NOW).status).toBe('warning');
  });

  it('judges the error thresholds on ingest’s errors per minute, not on the few messages kept', () => {
    const fewMessages = [{ code: 'E500', message: 'boom', ts: NOW - 2_000 }];
    const row = toHostRow(host('h', 10, { errorsPerMinute: 25, recentErrors: fewMessages }), SETTINGS, NOW);
    expect(row.errors).toBe(25);
    expect(row.status).toBe('critical');
    expect(toHostRow(host('h', 10, { errorsPerMinute: 4.5, recentErrors: fewMessages }), SETTINGS, NOW).status).toBe('ok');
  });

  it('reads stale when the host stopped reporting, even if silenced', () => {
    const doc = host('h', 99, { lastSeen: NOW - 31_000, silencedUntil: NOW + 60_000 });
    expect(toHostRow(doc, SETTINGS, NOW).status).toBe('stale');
  });

  it('reads silenced while a silence runs, and levels again once it ended', () => {
    expect(toHostRow(host('h', 99, { silencedUntil: NOW + 1 }), SETTINGS, NOW).status).toBe('silenced');
    expect(toHostRow(host('h', 99, { silencedUntil: NOW }), SETTINGS, NOW).status).toBe('critical');
  });

  it('shows metrics a host never sent as null', () => {
    const row = toHostRow(host('h', 1), SETTINGS, NOW);
    expect([metricValue(row, 'requests'), metricValue(row, 'active_users')]).toEqual([null, null]);
  });

  it('holds every metric the host reports, named like Object.prototype members too, and no inherited one', () => {
    const doc = host('h', 1, { metrics: { constructor: { value: 3, ts: NOW }, queue_depth: { value: 9, ts: NOW } }, thresholds: { toString: { warning: 1, critical: 2 } } });
    const row = toHostRow(doc, SETTINGS, NOW);
    expect([metricValue(row, 'constructor'), metricValue(row, 'queue_depth'), metricValue(row, 'hasOwnProperty')]).toEqual([3, 9, null]);
    expect([overrideOf(row, 'toString'), overrideOf(row, 'valueOf')]).toEqual([{ warning: 1, critical: 2 }, null]);
  });

  it("judges requests and active users too once the tenant has levels for them", () => {
    const doc = host('h', 1, { metrics: { cpu: { value: 1, ts: NOW }, requests: { value: 500, ts: NOW } } });
    expect(toHostRow(doc, { ...SETTINGS, thresholds: { ...SETTINGS.thresholds, requests: { warning: 100, critical: 400 } } }, NOW).status).toBe('critical');
  });
});

describe('selectRows', () => {
  const rows: HostRow[] = [host('web-02', 50), host('db-01', 99), host('web-01', 85), host('web-03', 50)].map((doc) =>
    toHostRow(doc, SETTINGS, NOW),
  );
  const query = (overrides: Partial<RowQuery>): RowQuery => ({
    text: '',
    status: null,
    sortBy: 'host',
    direction: 'asc',
    ...overrides,
  });
  const names = (selected: HostRow[]) => selected.map((row) => row.host);

  it('sorts by name both ways', () => {
    expect(names(selectRows(rows, query({})))).toEqual(['db-01', 'web-01', 'web-02', 'web-03']);
    expect(names(selectRows(rows, query({ direction: 'desc' })))).toEqual(['web-03', 'web-02', 'web-01', 'db-01']);
  });

  it('sorts by severity with the host name breaking ties', () => {
    expect(names(selectRows(rows, query({ sortBy: 'status', direction: 'desc' })))).toEqual([
      'db-01',
      'web-01',
      'web-02',
      'web-03',
    ]);
  });

  it('sorts by a metric value', () => {
    expect(names(selectRows(rows, query({ sortBy: metricSortKey('cpu'), direction: 'desc' })))[0]).toBe('db-01');
  });

  it('filters by name, ignoring case and spaces', () => {
    expect(names(selectRows(rows, query({ text: ' WEB-0 ' })))).toEqual(['web-01', 'web-02', 'web-03']);
  });

  it('filters by status', () => {
    expect(names(selectRows(rows, query({ status: 'warning' })))).toEqual(['web-01']);
  });

  it('leaves its input untouched', () => {
    const before = names(rows);
    selectRows(rows, query({ direction: 'desc' }));
    expect(names(rows)).toEqual(before);
  });
});

describe('the table pages', () => {
  const row = (lastSeen: number, cpu: number) => ({ lastSeen, values: { cpu }, errorsPerMinute: 0, thresholds: {}, silencedUntil: null });

  it('lists each host once, its newest row when two pages hold it (its batches chose shards of both)', () => {
    const hosts = hostsOfPages([{ hosts: { a: row(1, 10), b: row(5, 50) } }, null, { hosts: { a: row(9, 90) } }]);
    expect(hosts.map((host) => [host.host, host.values['cpu']])).toEqual([['a', 90], ['b', 50]]);
  });

  it("judges a row's status as a host document's: values, overrides, silence and staleness", () => {
    const overridden = { ...row(NOW - 1_000, 50), thresholds: { cpu: { warning: 40, critical: 60 } } };
    expect(toTableRow(tableHostOfRow('h', overridden), SETTINGS, NOW).status).toBe('warning');
    expect(toTableRow(tableHostOfRow('h', { ...overridden, silencedUntil: NOW + 1 }), SETTINGS, NOW).status).toBe('silenced');
    expect(toTableRow(tableHostOfRow('h', overridden), SETTINGS, NOW + 31_000).status).toBe('stale');
    expect(toTableRow(tableHostOfRow('h', { ...overridden, errorsPerMinute: 25 }), SETTINGS, NOW)).toMatchObject({ status: 'critical', errors: 25 });
  });

  it('holds a row as the fields its status is judged on: its error rate among its values, its thresholds as its overrides', () => {
    const levels = { warning: 40, critical: 60 };
    expect(tableHostOfRow('h', { ...row(NOW, 50), errorsPerMinute: 3, thresholds: { cpu: levels } })).toEqual({
      host: 'h',
      errors: 3,
      values: { cpu: 50, errors: 3 },
      overrides: { cpu: levels },
      lastSeen: NOW,
      silencedUntil: null,
    });
  });

  it("shows a host's document over its row while the document is at least as new", () => {
    const doc = tableHostOf(host('h', 99, { thresholds: { cpu: { warning: 1, critical: 2 } } }));
    const pageRow = tableHostOfRow('h', row(NOW - 1_000, 10));
    expect(withHostDocuments([pageRow], new Map([['h', doc]]))).toEqual([doc]);
    const newer = { ...pageRow, lastSeen: NOW };
    expect(withHostDocuments([newer], new Map([['h', doc]]))).toEqual([newer]);
  });
});

describe('TableHostsOfPages', () => {
  const row = (lastSeen: number, cpu: number): HostTableRow => ({ lastSeen, values: { cpu }, errorsPerMinute: 0, thresholds: {}, silencedUntil: null });
  /** A page as validatedPage gives it: each row made a TableHost. */
  const page = (rows: Record<string, HostTableRow>): TablePage<TableHost> => ({
    hosts: Object.fromEntries(Object.entries(rows).map(([host, hostRow]) => [host, tableHostOfRow(host, hostRow)])),
  });

  it('lists what hostsOfPages lists', () => {
    const stored: TablePage<HostTableRow>[] = [{ hosts: { a: row(1, 10), b: row(5, 50) } }, null, { hosts: { a: row(9, 90) } }];
    expect(new TableHostsOfPages().merge(stored.map((rows) => (rows === null ? null : page(rows.hosts))))).toEqual(hostsOfPages(stored));
  });

  it('keeps the object of a host whose row did not change, from an unchanged page or a page written anew', () => {
    const merged = new TableHostsOfPages();
    const unchanged = page({ a: row(1, 10) });
    const [a, b] = merged.merge([unchanged, page({ b: row(5, 50) })]);
    const [a2, b2] = merged.merge([unchanged, page({ b: row(5, 50) })]);
    expect(a2).toBe(a);
    expect(b2).toBe(b);
  });

  it.each([
    ['a newer report', { ...row(6, 50) }],
    ['another value', { ...row(5, 51) }],
    ['another metric', { ...row(5, 50), values: { cpu: 50, requests: 1 } }],
    ['an override', { ...row(5, 50), thresholds: { cpu: { warning: 1, critical: 2 } } }],
    ['a silence', { ...row(5, 50), silencedUntil: 9 }],
    ['another error rate', { ...row(5, 50), errorsPerMinute: 3 }],
  ])('gives a host a new object for %s', (_change, changed) => {
    const merged = new TableHostsOfPages();
    const [before] = merged.merge([page({ b: row(5, 50) })]);
    const [after] = merged.merge([page({ b: changed })]);
    expect(after).not.toBe(before);
    expect(after).toEqual(tableHostOfRow('b', changed));
  });

  it('forgets a host gone from the pages', () => {
    const merged = new TableHostsOfPages();
    merged.merge([page({ a: row(1, 10), b: row(1, 10) })]);
    expect(merged.merge([page({ b: row(1, 10) })]).map((host) => host.host)).toEqual(['b']);
  });
});

describe('TableRows', () => {
  const tableHost = (name: string, overrides: Partial<HostTableRow> = {}): TableHost =>
    tableHostOfRow(name, { lastSeen: NOW - 1_000, values: { cpu: 50 }, errorsPerMinute: 0, thresholds: {}, silencedUntil: null, ...overrides });

  it('judges as toTableRow does', () => {
    const hosts = [tableHost('a'), tableHost('b', { values: { cpu: 99 } })];
    expect(new TableRows().rowsOf(hosts, SETTINGS, NOW)).toEqual(hosts.map((host) => toTableRow(host, SETTINGS, NOW)));
  });

  it('keeps the row of an unchanged host while the clock moves, and judges a changed one again', () => {
    const rows = new TableRows();
    const a = tableHost('a');
    const [before] = rows.rowsOf([a], SETTINGS, NOW);
    expect(rows.rowsOf([a], SETTINGS, NOW + 1_000)[0]).toBe(before);
    const changed = tableHost('a', { values: { cpu: 99 } });
    expect(rows.rowsOf([changed], SETTINGS, NOW + 1_000)[0]).toMatchObject({ status: 'critical' });
  });

  it("judges a host again when it turns stale, or its silence ends, with no new report", () => {
    const rows = new TableRows();
    const a = tableHost('a', { values: { cpu: 99 }, silencedUntil: NOW + 5_000 });
    expect(rows.rowsOf([a], SETTINGS, NOW)[0]?.status).toBe('silenced');
    expect(rows.rowsOf([a], SETTINGS, NOW + 4_999)[0]?.status).toBe('silenced');
    expect(rows.rowsOf([a], SETTINGS, NOW + 5_000)[0]?.status).toBe('critical');
    // Stale strictly after lastSeen + 30 s.
    expect(rows.rowsOf([a], SETTINGS, NOW + 29_000)[0]?.status).toBe('critical');
    expect(rows.rowsOf([a], SETTINGS, NOW + 29_001)[0]?.status).toBe('stale');
  });

  it('judges every host again when the settings change', () => {
    const rows = new TableRows();
    const a = tableHost('a');
    rows.rowsOf([a], SETTINGS, NOW);
    const strict = { ...SETTINGS, thresholds: { cpu: { warning: 10, critical: 20 } } };
    expect(rows.rowsOf([a], strict, NOW)[0]?.status).toBe('critical');
  });

  it('same rows are the same objects in the same order', () => {
    const [a, b] = new TableRows().rowsOf([tableHost('a'), tableHost('b')], SETTINGS, NOW) as [HostRow, HostRow];
    expect(sameRows([a, b], [a, b])).toBe(true);
    expect(sameRows([a, b], [b, a])).toBe(false);
    expect(sameRows([a, b], [a])).toBe(false);
    expect(sameRows([a], [{ ...a }])).toBe(false);
  });
});
