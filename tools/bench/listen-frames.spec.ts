import { describe, expect, it } from 'vitest';
import { emptyTally, readFrames } from './listen-frames';

const DOCS = 'projects/demo-pulseboard/databases/(default)/documents/tenants/acme';

function frame(messages: unknown[]): string {
  const json = JSON.stringify(messages.map((message, index) => [index + 1, [message]]));
  return `${json.length}\n${json}`;
}

const change = (path: string, targetIds: number[], updateTime = '2026-12-02T10:00:00Z') => ({
  documentChange: { document: { name: `${DOCS}/${path}`, fields: {}, updateTime }, targetIds },
});

describe('readFrames', () => {
  it('counts each document change by collection, once per listener it is sent to', () => {
    const tally = emptyTally();
    const rest = readFrames(frame([change('fleetShards/3', [2]), change('live/overview', [4]), change('alerts/1.a_cpu_1', [6, 8])]), tally);
    expect(rest).toBe('');
    expect(Object.fromEntries(tally.reads)).toEqual({ fleetShards: 1, live: 1, alerts: 2 });
  });

  it('does not count a document sent again at the version its listener has, but does count a new version', () => {
    const tally = emptyTally();
    readFrames(frame([change('hosts/web-01', [2]), change('hosts/web-02', [2])]), tally);
    readFrames(frame([change('hosts/web-01', [2]), change('hosts/web-02', [2], '2026-12-02T10:00:10Z')]), tally);
    expect(Object.fromEntries(tally.reads)).toEqual({ hosts: 3 });
    expect(tally.sent).toBe(4);
  });

  it('counts a document leaving a listener\'s results, not one deleted, nor target changes, filters or noops', () => {
    const tally = emptyTally();
    readFrames(frame([change('hosts/web-01', [2]), change('hosts/web-02', [2])]), tally);
    readFrames(
      frame([
        { documentDelete: { document: `${DOCS}/hosts/web-01`, removedTargetIds: [2] } },
        { documentRemove: { document: `${DOCS}/hosts/web-02`, removedTargetIds: [2] } },
        { targetChange: { targetChangeType: 'CURRENT', targetIds: [2] } },
        { filter: { targetId: 2, count: 3 } },
        'noop',
      ]),
      tally,
    );
    expect(Object.fromEntries(tally.reads)).toEqual({ hosts: 3 });
    // Back after its removal, the same version is a read again.
    readFrames(frame([change('hosts/web-02', [2])]), tally);
    expect(Object.fromEntries(tally.reads)).toEqual({ hosts: 4 });
  });

  it('keeps a frame received in part until the rest arrives, and counts it once', () => {
    const whole = frame([change('hosts/web-01', [2])]) + frame([change('hosts/web-02', [2])]);
    const tally = emptyTally();
    const cut = whole.length - 10;
    const rest = readFrames(whole.slice(0, cut), tally);
    expect(Object.fromEntries(tally.reads)).toEqual({ hosts: 1 });
    expect(readFrames(rest + whole.slice(cut), tally)).toBe('');
    expect(Object.fromEntries(tally.reads)).toEqual({ hosts: 2 });
  });

  it('waits for a length line cut in two', () => {
    const whole = frame([change('hosts/web-01', [2])]);
    const tally = emptyTally();
    expect(readFrames(whole.slice(0, 1), tally)).toBe(whole.slice(0, 1));
    expect(tally.sent).toBe(0);
  });
});
