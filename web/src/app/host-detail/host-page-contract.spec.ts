import { storedHostDoc } from '@pulseboard/contracts';
import { describe, expect, it } from 'vitest';
import { hostPageContract } from './host-page-contract';

const T = 1_700_000_000_000;

/** A window as Firestore hands it over: fresh objects at every snapshot, even for a window that did not change. */
function rawWindow(start: number, cpu: number, metrics = 3): Record<string, unknown> {
  const aggregates = Object.fromEntries(
    Array.from({ length: metrics }, (_, index) => [index === 0 ? 'cpu' : `m${index}`, { count: 2, sum: cpu * 2, min: cpu, max: cpu, last: cpu, lastTs: start + 1 }]),
  );
  return { errorCount: 0, metrics: aggregates, start };
}

/** A host document of the given 10 s windows (start -> cpu) and one 1 m window. */
function rawDocument(tenSeconds: readonly (readonly [number, number])[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    host: 'web-01',
    lastSeen: T,
    metrics: { cpu: { value: 1, ts: T } },
    recentErrors: [],
    windows: { '10s': tenSeconds.map(([start, cpu]) => rawWindow(start, cpu)), '1m': [rawWindow(T - 60_000, 5)], '1h': [] },
    appliedBatches: [{ id: 'b1', appliedAt: T }],
    ...extra,
  };
}

const whole = storedHostDoc.omit({ appliedBatches: true });

describe('hostPageContract', () => {
  const snapshots = [
    rawDocument([[T - 20_000, 10], [T - 10_000, 20]]),
    // The newest window grows, the others stay.
    rawDocument([[T - 20_000, 10], [T - 10_000, 30]]),
    // A window opens, the oldest leaves.
    rawDocument([[T - 10_000, 30], [T, 40]]),
    // A late event changes an older window.
    rawDocument([[T - 10_000, 35], [T, 40]]),
  ];

  it("gives, snapshot after snapshot, what the document's contract gives", () => {
    const contract = hostPageContract();
    for (const snapshot of snapshots) expect(contract.parse(snapshot)).toEqual(whole.parse(snapshot));
  });

  it('validates again only the windows that changed: an unchanged one is the object the last snapshot gave', () => {
    const contract = hostPageContract();
    const first = contract.parse(snapshots[0]);
    const second = contract.parse(snapshots[1]);
    const third = contract.parse(snapshots[2]);
    expect(second.windows['10s']?.[0]).toBe(first.windows['10s']?.[0]);
    expect(second.windows['1m']?.[0]).toBe(first.windows['1m']?.[0]);
    expect(second.windows['10s']?.[1]).not.toBe(first.windows['10s']?.[1]);
    expect(third.windows['10s']?.[0]).toBe(second.windows['10s']?.[1]);
  });

  it('refuses a changed window the contract refuses, and parses the next snapshot whole', () => {
    const contract = hostPageContract();
    contract.parse(snapshots[0]);
    const broken = rawDocument([[T - 20_000, 10], [T - 10_000, 20]]);
    ((broken['windows'] as { '10s': Record<string, unknown>[] })['10s'][1] as Record<string, unknown>)['errorCount'] = -1;
    expect(() => contract.parse(broken)).toThrow();
    expect(() => whole.parse(broken)).toThrow();
    expect(contract.parse(snapshots[1])).toEqual(whole.parse(snapshots[1]));
  });

  it("refuses a document whose windows lose a resolution, or have none, as the document's contract does", () => {
    const contract = hostPageContract();
    contract.parse(snapshots[0]);
    const withoutHour = rawDocument([[T - 20_000, 10]]);
    delete (withoutHour['windows'] as Record<string, unknown>)['1h'];
    expect(() => whole.parse(withoutHour)).toThrow();
    expect(() => contract.parse(withoutHour)).toThrow();
    expect(() => contract.parse(rawDocument([], { windows: undefined }))).toThrow();
  });

  it("refuses a state the contract refuses, even when no window changed", () => {
    const contract = hostPageContract();
    contract.parse(snapshots[0]);
    expect(() => contract.parse({ ...snapshots[0], lastSeen: 'yesterday' })).toThrow();
  });
});
