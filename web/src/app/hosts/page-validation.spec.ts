import { hostTablePageDoc } from '@pulseboard/contracts';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tableHostOfRow } from './host-rows';
import { validatedPage } from './page-validation';

const row = (lastSeen: number) => ({ lastSeen, values: { cpu: 10 }, errorsPerMinute: 0, thresholds: {}, silencedUntil: null });
const page = (hosts: number) => ({ page: 2, hosts: Object.fromEntries(Array.from({ length: hosts }, (_, i) => [`web-${i}`, row(1_000 + i)])) });

describe('validatedPage', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('gives the page hostTablePageDoc gives, extra fields dropped, each row as the table holds it', async () => {
    const raw = { ...page(5), extra: true, hosts: { ...page(5).hosts, 'db-1': { ...row(9), note: 'x' } } };
    const validated = firstValueFrom(validatedPage(raw));
    await vi.runAllTimersAsync();
    const stored = hostTablePageDoc.parse(raw);
    const tableHosts = Object.fromEntries(Object.entries(stored.hosts).map(([host, hostRow]) => [host, tableHostOfRow(host, hostRow)]));
    expect({ ...(await validated), hosts: { ...(await validated).hosts } }).toEqual({ page: stored.page, hosts: tableHosts });
  });

  /** A clock that moves 1 ms each time it is read: a slice of `n` ms validates `n` rows. */
  const ticking = () => {
    let now = 0;
    return () => now++;
  };

  it('validates a slice of rows a task, nothing in the task that asked, and gives the page in a task after the last slice', async () => {
    const parsed = vi.fn();
    validatedPage(page(250), 100, ticking()).subscribe(parsed);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersToNextTimerAsync();
    await vi.advanceTimersToNextTimerAsync();
    expect(parsed).not.toHaveBeenCalled();
    await vi.advanceTimersToNextTimerAsync();
    expect(parsed).not.toHaveBeenCalled();
    await vi.advanceTimersToNextTimerAsync();
    expect(parsed).toHaveBeenCalledOnce();
    expect(Object.keys((parsed.mock.calls[0] as [{ hosts: object }])[0].hosts)).toHaveLength(250);
  });

  it('gives an empty page, in a task of its own', async () => {
    const parsed = vi.fn();
    validatedPage({ page: 0, hosts: {} }).subscribe(parsed);
    expect(parsed).not.toHaveBeenCalled();
    await vi.runAllTimersAsync();
    expect(parsed).toHaveBeenCalledWith({ page: 0, hosts: {} });
  });

  it.each([
    ['a row is invalid', { page: 1, hosts: { 'web-1': row(1), 'web-2': { ...row(1), lastSeen: 'soon' } } }],
    ['a host name is not a safe id', { page: 1, hosts: { 'bad name': row(1) } }],
    ['it has no hosts map', { page: 1 }],
    ['its page number is not one', { page: -1, hosts: {} }],
  ])('errors when %s', async (_case, raw) => {
    const failed = vi.fn();
    validatedPage(raw, 1, ticking()).subscribe({ error: failed });
    await vi.runAllTimersAsync();
    expect(failed).toHaveBeenCalledOnce();
  });

  it('stops validating once unsubscribed', async () => {
    const parsed = vi.fn();
    const subscription = validatedPage(page(300), 100, ticking()).subscribe(parsed);
    await vi.advanceTimersToNextTimerAsync();
    subscription.unsubscribe();
    expect(vi.getTimerCount()).toBe(0);
    await vi.runAllTimersAsync();
    expect(parsed).not.toHaveBeenCalled();
  });
});
