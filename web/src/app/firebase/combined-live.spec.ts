import { describe, expect, it } from 'vitest';
import { Subject } from 'rxjs';
import { combinedLive } from './combined-live';
import type { Live } from './live-snapshots';

const live = (value: number, fromCache = false): Live<number> => ({ value, fromCache, hasPendingWrites: false });

describe('combinedLive', () => {
  it('shows answers of one task once, the latest of each source, from the cache while any of them is', async () => {
    const first = new Subject<Live<number>>();
    const second = new Subject<Live<number>>();
    const shown: Live<string>[] = [];
    const subscription = combinedLive([first, second], (values) => values.join('+')).subscribe((snapshot) => shown.push(snapshot));
    first.next(live(1));
    second.next(live(2, true));
    first.next(live(4));
    await new Promise((resolve) => setTimeout(resolve));
    expect(shown).toEqual([{ value: '4+2', fromCache: true, hasPendingWrites: false }]);
    subscription.unsubscribe();
  });

  it('shows nothing until every source has answered, then each later answer', async () => {
    const first = new Subject<Live<number>>();
    const second = new Subject<Live<number>>();
    const shown: string[] = [];
    const subscription = combinedLive([first, second], (values) => values.join('+')).subscribe((snapshot) => shown.push(snapshot.value));
    first.next(live(1));
    await Promise.resolve();
    expect(shown).toEqual([]);
    second.next(live(2));
    await new Promise((resolve) => setTimeout(resolve));
    second.next(live(3));
    await new Promise((resolve) => setTimeout(resolve));
    expect(shown).toEqual(['1+2', '1+3']);
    subscription.unsubscribe();
  });
});
