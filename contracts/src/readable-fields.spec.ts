import { describe, expect, it } from 'vitest';
import { hostDoc } from './documents';
import { readableFields } from './readable-fields';

describe('readableFields', () => {
  it('keeps each field that passes its own contract and names the others', () => {
    const levels = { warning: 1, critical: 2 };
    const stored = { host: 'web-01', lastSeen: -5, metrics: { cpu: { value: 'x', ts: 1 } }, thresholds: { cpu: levels }, silencedUntil: null };
    expect(readableFields(hostDoc, stored)).toEqual({
      readable: { host: 'web-01', thresholds: { cpu: levels }, silencedUntil: null },
      unreadable: ['lastSeen', 'metrics'],
    });
  });

  it('reads nothing, and fails nothing, of what is not an object', () => {
    expect(readableFields(hostDoc, 'garbage')).toEqual({ readable: {}, unreadable: [] });
  });

  it('leaves out the fields the document does not have, defaults included', () => {
    expect(readableFields(hostDoc, { silencedUntil: 5 })).toEqual({ readable: { silencedUntil: 5 }, unreadable: [] });
  });
});
