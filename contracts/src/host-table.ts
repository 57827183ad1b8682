import * as z from 'zod';
import type { HostDigest } from './documents';
import { epochMs } from './time';
import { safeId } from './ids';
import { thresholdLevels } from './thresholds';
import { ERROR_RATE_METRIC } from './metric-registry';
import { recordOf } from './records';
import type { StatusFields } from './host-status';
import { storageSize } from './storage-size';

/**
 * Pages the hosts table listens to (docs/DATA-MODEL.md, "The hosts table"): each is written by the
 * live fold at most once a LIVE_SLOT_MS, so an open table receives at most this many documents a
 * second whatever the number of agents (issue 20: at most 5). A host's page is its fleet shard
 * modulo this, so a host stays on one page.
 */
export const HOST_TABLE_PAGES = 5;

/**
 * What one page lists at most: this many hosts, and rows of at most this many bytes by Firestore's
 * size rules (the 1 MiB document, less its name and `page`); past either the longest-silent hosts
 * go. A typical row (short names, three metrics, no override) is ~150 B, the widest (64-character
 * names, every digest metric and override, DIGEST_OTHER_METRICS others) ~520 B: a page holds all
 * 4,000 typical rows, or about 1,900 of the widest (docs/DATA-MODEL.md, "The hosts table").
 */
export const HOST_TABLE_PAGE_LIMITS = { hosts: 4_000, rowBytes: 1_000_000 } as const;

/**
 * Metrics besides DIGEST_METRICS whose newest values a host digest, and so a table row, carries:
 * the ones the host reported most recently. The hosts table offers a column for any of them
 * (issue 19); a host reporting more shows '–' for the rest. Bounded by the fleet shard's size.
 */
export const DIGEST_OTHER_METRICS = 2;

/** One host in the table: what its columns and its status need, values without their times. */
export const hostTableRow = z.object({
  lastSeen: epochMs,
  /** The digest's metrics' newest values (DIGEST_METRICS and DIGEST_OTHER_METRICS others). */
  values: z.record(safeId, z.number()),
  errorsPerMinute: z.number(),
  thresholds: z.record(safeId, thresholdLevels),
  silencedUntil: epochMs.nullable(),
});
export type HostTableRow = z.infer<typeof hostTableRow>;

/** tenants/{t}/live/hosts-{page}: the rows of the hosts whose fleet shard falls on the page. */
export const hostTablePageDoc = z.object({
  page: z.number().int().nonnegative(),
  hosts: z.record(safeId, hostTableRow),
});
export type HostTablePageDoc = z.infer<typeof hostTablePageDoc>;

/** The page a fleet shard's hosts are listed on. */
export function hostTablePageOf(shard: number): number {
  return shard % HOST_TABLE_PAGES;
}

/** A digest as a table row: its metrics' values without their times. */
export function hostTableRowOf(digest: HostDigest): HostTableRow {
  const { lastSeen, metrics, errorsPerMinute, thresholds, silencedUntil } = digest;
  return { lastSeen, values: recordOf(Object.entries(metrics).map(([metric, sample]) => [metric, sample.value] as const)), errorsPerMinute, thresholds, silencedUntil };
}

/** A row's bytes in its page: the host's name as its key, and the row. */
export function hostTableRowSize(host: string, row: HostTableRow): number {
  return storageSize(host) + storageSize(row);
}

/** A row as the fields a status is judged on (hostStatus). */
export function tableRowFields(row: HostTableRow): StatusFields {
  return {
    values: recordOf([...Object.entries(row.values), [ERROR_RATE_METRIC, row.errorsPerMinute] as const]),
    overrides: recordOf(Object.entries(row.thresholds)),
    lastSeen: row.lastSeen,
    silencedUntil: row.silencedUntil,
  };
}
