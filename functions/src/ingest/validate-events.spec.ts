import { describe, expect, it } from 'vitest';
import { INGEST_LIMITS } from '@pulseboard/contracts';
import { validateEvents } from './validate-events';

const now = 1_795_400_000_000;
const metric = { type: 'metric', host: 'web-01', metric: 'cpu', value: 42.5, ts: now - 1000 };

describe('validateEvents', () => {
  it('accepts a valid metric and error event and keeps their order', () => {
    const error = { type: 'error', host: 'web-01', code: 'E503', message: 'upstream timeout', ts: now };
    expect(validateEvents([metric, error], now)).toEqual({ accepted: [metric, error], rejected: [] });
  });

  it('gives an event without ts the server time', () => {
    const { accepted } = validateEvents([{ ...metric, ts: undefined }], now);
    expect(accepted[0]?.ts).toBe(now);
  });

  it.each([
    ['a host with a slash', { ...metric, host: 'a/b' }, 'host'],
    ['a host of two dots', { ...metric, host: '..' }, 'host'],
    ['a reserved metric name', { ...metric, metric: '__name__' }, 'metric'],
    ['a host longer than 64 characters', { ...metric, host: 'h'.repeat(65) }, 'host'],
    ['an infinite value', { ...metric, value: Infinity }, 'value'],
    ['a value that is a string', { ...metric, value: '42' }, 'value'],
    ['an unknown field', { ...metric, unit: '%' }, 'unit'],
    ['an unknown type', { ...metric, type: 'trace' }, 'type'],
    ['a fractional ts', { ...metric, ts: now + 0.5 }, 'ts'],
    ['not an object', 'cpu=42', ''],
  ])('rejects %s by index with a reason naming the field', (_name, event, field) => {
    const { accepted, rejected } = validateEvents([metric, event], now);
    expect(accepted).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.index).toBe(1);
    expect(rejected[0]?.reason).toContain(field);
  });

  it('accepts the edges of the lateness window and rejects just outside', () => {
    const at = (ts: number) => ({ ...metric, ts });
    const oldest = now - INGEST_LIMITS.maxLatenessMs;
    const newest = now + INGEST_LIMITS.maxFutureSkewMs;
    const { accepted, rejected } = validateEvents([at(oldest), at(newest), at(oldest - 1), at(newest + 1)], now);
    expect(accepted.map((event) => event.ts)).toEqual([oldest, newest]);
    expect(rejected.map((r) => r.index)).toEqual([2, 3]);
    expect(rejected[0]?.reason).toMatch(/old/);
    expect(rejected[1]?.reason).toMatch(/future/);
  });
});
