import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_RATE_METRIC, INGEST_LIMITS, PROTOTYPE_MEMBER_NAMES } from '@pulseboard/contracts';
import { DomainError } from '../shared/errors';
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
    ['a sample named as the derived error rate', { ...metric, metric: ERROR_RATE_METRIC }, 'reserved for the error rate'],
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

  it('accepts every sample up to the magnitude bound and rejects, with a reason, every one past it', () => {
    const bound = INGEST_LIMITS.maxSampleMagnitude;
    const nearMax = fc.double({ min: Number.MAX_VALUE / 4, max: Number.MAX_VALUE, noNaN: true });
    const value = fc.oneof(fc.double({ min: -bound, max: bound, noNaN: true }), nearMax, nearMax.map((v) => -v), fc.constantFrom(bound, -bound, bound * (1 + 1e-15)));
    fc.assert(
      fc.property(value, (v) => {
        const { accepted, rejected } = validateEvents([{ ...metric, value: v }], now);
        if (Math.abs(v) <= bound) expect(accepted).toHaveLength(1);
        else expect(rejected[0]?.reason).toMatch(/^value: must be at most 1e\+15 in magnitude/);
      }),
    );
  });

  it('accepts two samples of 1.7e308 no more: their sum would be Infinity', () => {
    const { accepted, rejected } = validateEvents([{ ...metric, value: 1.7e308 }, { ...metric, value: 1.7e308 }], now);
    expect(accepted).toEqual([]);
    expect(rejected.map((r) => r.index)).toEqual([0, 1]);
  });

  it('accepts every Object.prototype member name that is a safe id as host and metric, and rejects the others by index', () => {
    const events = PROTOTYPE_MEMBER_NAMES.map((name) => ({ ...metric, host: name, metric: name }));
    const { accepted, rejected } = validateEvents(events, now);
    expect(accepted.map((event) => event.host)).toEqual(PROTOTYPE_MEMBER_NAMES.filter((name) => /^[A-Za-z0-9]/.test(name)));
    expect(rejected.map((r) => PROTOTYPE_MEMBER_NAMES[r.index])).toEqual(PROTOTYPE_MEMBER_NAMES.filter((name) => name.startsWith('_')));
  });

  it.each([
    ['hosts', INGEST_LIMITS.maxHostsPerBatch, (i: number) => ({ ...metric, host: `h-${i}` })],
    ['metrics', INGEST_LIMITS.maxMetricsPerBatch, (i: number) => ({ ...metric, metric: `m-${i}` })],
  ])('refuses a batch of more distinct %s than the limit, whole, with a 413', (what, limit, event) => {
    const atLimit = Array.from({ length: limit }, (_, i) => event(i));
    expect(validateEvents([...atLimit, ...atLimit], now).accepted).toHaveLength(2 * limit);
    const over = () => validateEvents([...atLimit, event(limit)], now);
    expect(over).toThrow(DomainError);
    expect(over).toThrow(`${limit + 1} distinct ${what}; the limit is ${limit}`);
  });

  it('counts only the valid events towards the width limits', () => {
    const invalid = Array.from({ length: INGEST_LIMITS.maxHostsPerBatch + 1 }, (_, i) => ({ ...metric, host: `h-${i}`, value: 'x' }));
    expect(validateEvents(invalid, now).rejected).toHaveLength(invalid.length);
  });
});
