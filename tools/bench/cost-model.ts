/**
 * Measured counts to dollars: the list prices of what Pulseboard is billed for (docs/COSTS.md
 * shows the same table and where each price was read; re-check them before quoting a figure).
 * Marginal list prices: the free quotas (50,000 reads, 20,000 writes and deletes a day; 2 million
 * invocations and 1 million task operations a month) are not subtracted.
 */

export interface PriceList {
  /** Firestore document reads, writes and deletes, per 100,000. */
  readsPer100k: number;
  writesPer100k: number;
  deletesPer100k: number;
  /** Cloud Functions (2nd gen, billed as Cloud Run requests) invocations, per million. */
  invocationsPerMillion: number;
  /** Cloud Tasks billable operations (a task created, a delivery attempt), per million. */
  taskOperationsPerMillion: number;
}

/** When the prices below were read (from stored copies of the pricing pages; docs/COSTS.md). */
export const PRICES_READ_ON = '2026-12-02';

export const PRICE_LISTS = {
  /** Firestore multi-region (nam5, eur3). */
  multiRegion: { readsPer100k: 0.06, writesPer100k: 0.18, deletesPer100k: 0.02, invocationsPerMillion: 0.4, taskOperationsPerMillion: 0.4 },
  /** Firestore regional, the cheapest US regions (us-west1 Oregon; us-central1 is the same tier). */
  regional: { readsPer100k: 0.03, writesPer100k: 0.09, deletesPer100k: 0.01, invocationsPerMillion: 0.4, taskOperationsPerMillion: 0.4 },
} as const satisfies Record<string, PriceList>;

/** A 30-day month, the unit of every monthly figure. */
export const SECONDS_PER_MONTH = 30 * 24 * 3_600;

/** What one batch costs, as measured at the function and at Firestore. */
export interface BatchCounts {
  /** Documents written and deleted by the functions per batch (their log lines' documentWrites / documentDeletes). */
  writesPerBatch: number;
  deletesPerBatch: number;
  /** Documents a batch leaves for a TTL policy to delete later (each one delete, billed like any other). */
  ttlDeletesPerBatch: number;
  /** Function invocations per batch (1 for ingest, more when a write triggers another function). */
  invocationsPerBatch: number;
  /**
   * Documents the functions read per batch where their log lines say so: ingest's own (its key's
   * lookup, quota, and transaction reads) and the live fold's (a fold a second per tenant, shared
   * by its batches).
   */
  readsPerBatch: number;
}

/** One host's share of the batches: `hostsPerBatch` hosts share each batch their agent or collector posts every `flushSeconds`. */
export function batchesPerHostMonth(flushSeconds: number, hostsPerBatch: number): number {
  return SECONDS_PER_MONTH / flushSeconds / hostsPerBatch;
}

/** Dollars a month for one host: its share of every batch's writes, deletes and invocations. */
export function usdPerHostMonth(counts: BatchCounts, batchesPerMonth: number, prices: PriceList): number {
  const firestore =
    (counts.writesPerBatch * prices.writesPer100k + (counts.deletesPerBatch + counts.ttlDeletesPerBatch) * prices.deletesPer100k + counts.readsPerBatch * prices.readsPer100k) /
    100_000;
  const functions = (counts.invocationsPerBatch * prices.invocationsPerMillion) / 1_000_000;
  return batchesPerMonth * (firestore + functions);
}

/**
 * What an open page writes itself, apart from what its listeners receive: the overview's heartbeat
 * (OVERVIEW_VIEWER_HEARTBEAT_MS in the contracts), each write with the one read its rule makes of
 * the members mirror. Taken from the contract, not counted on the wire (the e2e test checks that
 * the page writes it).
 */
export interface PageWrites {
  writesPerSecond: number;
  ruleReadsPerSecond: number;
}

const NO_PAGE_WRITES: PageWrites = { writesPerSecond: 0, ruleReadsPerSecond: 0 };

/** An overview's heartbeat: one write (and its rule's read) every `heartbeatMs` while the page is visible. */
export function heartbeatWrites(heartbeatMs: number): PageWrites {
  return { writesPerSecond: 1_000 / heartbeatMs, ruleReadsPerSecond: 1_000 / heartbeatMs };
}

/** Dollars a month for one screen left open day and night, receiving `readsPerSecond` documents and writing `own`. */
export function usdPerViewerMonth(readsPerSecond: number, prices: PriceList, own: PageWrites = NO_PAGE_WRITES): number {
  return (SECONDS_PER_MONTH * ((readsPerSecond + own.ruleReadsPerSecond) * prices.readsPer100k + own.writesPerSecond * prices.writesPer100k)) / 100_000;
}
