import { describe, expect, it } from 'vitest';
import { readFrames, type DocumentsByCollection } from './listen-frames';

const DOCS = 'projects/demo-pulseboard/databases/(default)/documents/tenants/acme';

function frame(messages: unknown[]): string {
  const json = JSON.stringify(messages.map((message, index) => [index + 1, [message]]));
  return `${json.length}\n${json}`;
}

const change = (path: string, targetIds: number[]) => ({ documentChange: { document: { name: `${DOCS}/${path}`, fields: {} }, targetIds } });

describe('readFrames', () => {
  it('counts each document change by collection, once per listener it is sent to', () => {
    const counted: DocumentsByCollection = new Map();
    const rest = readFrames(frame([change('fleet/10s_1_3', [2]), change('hostDigests/3', [4]), change('alerts/1.a_cpu_1', [6, 8])]), counted);
    expect(rest).toBe('');
    expect(Object.fromEntries(counted)).toEqual({ fleet: 1, hostDigests: 1, alerts: 2 });
  });

  it('counts deletes and removals, and not target changes, filters or noops', () => {
    const counted: DocumentsByCollection = new Map();
    readFrames(
      frame([
        { documentDelete: { document: `${DOCS}/hosts/web-01`, removedTargetIds: [2] } },
        { documentRemove: { document: `${DOCS}/hosts/web-02`, removedTargetIds: [2] } },
        { targetChange: { targetChangeType: 'CURRENT', targetIds: [2] } },
        { filter: { targetId: 2, count: 3 } },
        'noop',
      ]),
      counted,
    );
    expect(Object.fromEntries(counted)).toEqual({ hosts: 2 });
  });

  it('keeps a frame received in part until the rest arrives, and counts it once', () => {
    const whole = frame([change('hosts/web-01', [2])]) + frame([change('hosts/web-02', [2])]);
    const counted: DocumentsByCollection = new Map();
    const cut = whole.length - 10;
    const rest = readFrames(whole.slice(0, cut), counted);
    expect(Object.fromEntries(counted)).toEqual({ hosts: 1 });
    expect(readFrames(rest + whole.slice(cut), counted)).toBe('');
    expect(Object.fromEntries(counted)).toEqual({ hosts: 2 });
  });

  it('waits for a length line cut in two', () => {
    const whole = frame([change('hosts/web-01', [2])]);
    const counted: DocumentsByCollection = new Map();
    expect(readFrames(whole.slice(0, 1), counted)).toBe(whole.slice(0, 1));
    expect(counted.size).toBe(0);
  });
});
