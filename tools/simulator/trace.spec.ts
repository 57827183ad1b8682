import { describe, expect, it } from 'vitest';
import { parseTrace, sampleAt } from './trace';

const csv = 'timestamp,value\n2014-02-14 14:27:00,51.8\n2014-02-14 14:32:00,44.5\n2014-02-14 14:37:00,41.2\n';

describe('parseTrace', () => {
  it('reads the values of a NAB CSV in order', () => {
    expect(parseTrace('cpu', csv).values).toEqual([51.8, 44.5, 41.2]);
  });

  it('rejects a file without the NAB header', () => {
    expect(() => parseTrace('cpu', 'ts,v\n1,2\n')).toThrow(/expected the header/);
  });

  it('names the row that holds no number', () => {
    expect(() => parseTrace('cpu', 'timestamp,value\n2014-02-14 14:27:00,oops\n')).toThrow(/row 2/);
  });
});

describe('sampleAt', () => {
  const trace = parseTrace('cpu', csv);

  it('plays one sample per tick from the host phase', () => {
    expect([0, 1, 2].map((tick) => sampleAt(trace, tick, 1))).toEqual([44.5, 41.2, 51.8]);
  });

  it('wraps around past the end of the trace', () => {
    expect(sampleAt(trace, 3 * 1000 + 2, 0)).toBe(41.2);
  });
});
