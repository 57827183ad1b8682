import { describe, expect, it } from 'vitest';
import { PRICE_LISTS, batchesPerHostMonth, heartbeatWrites, usdPerHostMonth, usdPerViewerMonth } from './cost-model';

const noCost = { writesPerBatch: 0, deletesPerBatch: 0, ttlDeletesPerBatch: 0, invocationsPerBatch: 0, readsPerBatch: 0 };

describe('batchesPerHostMonth', () => {
  it('is 259,200 for a per-host agent flushing every 10 s (8,640 a day for 30 days)', () => {
    expect(batchesPerHostMonth(10, 1)).toBe(259_200);
  });

  it("gives each of a collector's hosts its share of the batch", () => {
    expect(batchesPerHostMonth(10, 50)).toBe(5_184);
  });
});

describe('usdPerHostMonth', () => {
  it("prices the issue's 11.3 writes a batch at about $5.27 a host at multi-region prices", () => {
    const usd = usdPerHostMonth({ ...noCost, writesPerBatch: 11.3 }, batchesPerHostMonth(10, 1), PRICE_LISTS.multiRegion);
    expect(usd).toBeCloseTo(5.272, 3);
  });

  it('halves at regional prices', () => {
    const counts = { ...noCost, writesPerBatch: 3 };
    const months = batchesPerHostMonth(10, 1);
    expect(usdPerHostMonth(counts, months, PRICE_LISTS.regional)).toBeCloseTo(usdPerHostMonth(counts, months, PRICE_LISTS.multiRegion) / 2, 10);
  });

  it('adds deletes (the function\'s and the TTL\'s) at the delete price and invocations at the invocation price', () => {
    const usd = usdPerHostMonth({ ...noCost, deletesPerBatch: 1, ttlDeletesPerBatch: 2, invocationsPerBatch: 1 }, 1_000_000, PRICE_LISTS.multiRegion);
    // 3 deletes x 1e6 x $0.02 / 1e5 = $0.60, plus 1e6 invocations x $0.40 / 1e6 = $0.40.
    expect(usd).toBeCloseTo(1.0, 10);
  });

  it("adds the functions' reads at the read price", () => {
    // 22 reads a batch (a fold a second of 200 agents' 20 batches) x 1e6 x $0.06 / 1e5 = $13.20.
    expect(usdPerHostMonth({ ...noCost, readsPerBatch: 22 }, 1_000_000, PRICE_LISTS.multiRegion)).toBeCloseTo(13.2, 10);
  });
});

describe('usdPerViewerMonth', () => {
  it("prices the issue's 41.7 reads a second for an open overview at about $64.85 a month", () => {
    expect(usdPerViewerMonth(41.7, PRICE_LISTS.multiRegion)).toBeCloseTo(64.8518, 3);
  });

  it('is nothing for a screen that receives nothing', () => {
    expect(usdPerViewerMonth(0, PRICE_LISTS.regional)).toBe(0);
  });

  it("adds a heartbeat a minute: 43,200 writes and their rule's 43,200 reads, about $0.10 a month", () => {
    expect(usdPerViewerMonth(0, PRICE_LISTS.multiRegion, heartbeatWrites(60_000))).toBeCloseTo(0.0432 * (18 + 6) / 10, 10);
    expect(usdPerViewerMonth(2, PRICE_LISTS.multiRegion, heartbeatWrites(60_000)) - usdPerViewerMonth(2, PRICE_LISTS.multiRegion)).toBeCloseTo(0.10368, 10);
  });
});
