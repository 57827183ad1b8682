import { describe, expect, it } from 'vitest';
import { PROTOTYPE_MEMBER_NAMES } from '@pulseboard/contracts';
import { isNewestOfHost, samplesDrivingAlerts, samplesNewerThanStored } from './late-data';

const at = (ts: number, value = 1) => ({ value, ts });

describe('samplesNewerThanStored', () => {
  it('keeps every sample of a metric the host never reported', () => {
    expect(samplesNewerThanStored([at(1), at(2)], undefined)).toEqual([at(1), at(2)]);
  });

  it('drops the samples no newer than the newest stored, keeping the order of the rest', () => {
    expect(samplesNewerThanStored([at(1), at(5), at(6), at(9)], at(5))).toEqual([at(6), at(9)]);
  });
});

describe('isNewestOfHost', () => {
  it.each([
    [10, undefined, true],
    [10, 10, true],
    [11, 10, true],
    [9, 10, false],
  ])('a batch last seen at %s, the host at %s -> %s', (batch, host, newest) => {
    expect(isNewestOfHost(batch, host)).toBe(newest);
  });
});

describe('samplesDrivingAlerts', () => {
  const rate = { metric: 'errors', sample: at(20, 3) };

  it('a 5-minute-old CPU of 99 on a host whose newest CPU is 10 drives nothing', () => {
    const driving = samplesDrivingAlerts(new Map([['cpu', [at(0, 99)]]]), { cpu: at(300_000, 10) }, null);
    expect(driving).toEqual(new Map());
  });

  it('the newer samples of a metric drive its alerts, and the error rate when it is current', () => {
    const driving = samplesDrivingAlerts(new Map([['cpu', [at(4, 99), at(8, 50)]]]), { cpu: at(5) }, rate);
    expect(driving).toEqual(new Map([['cpu', [at(8, 50)]], ['errors', [at(20, 3)]]]));
  });

  it.each(PROTOTYPE_MEMBER_NAMES)('a metric named %s the host never reported drives its alerts', (metric) => {
    expect(samplesDrivingAlerts(new Map([[metric, [at(1)]]]), { cpu: at(5) }, null)).toEqual(new Map([[metric, [at(1)]]]));
  });
});
