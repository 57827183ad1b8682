import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionBadge } from './connection-badge';
import { ConnectionStore } from './connection-store';

describe('ConnectionBadge', () => {
  afterEach(() => vi.restoreAllMocks());

  async function render(status: 'live' | 'offline', dataAsOf: number | null): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      providers: [{ provide: ConnectionStore, useValue: { status: signal(status), dataAsOf: signal(dataAsOf), hasPendingWrites: signal(false) } }],
    });
    const fixture = TestBed.createComponent(ConnectionBadge);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('makes no relative-time format while the data is live: none is shown', async () => {
    const made = vi.spyOn(Intl, 'RelativeTimeFormat');
    const element = await render('live', null);
    expect(element.querySelector('[data-testid="data-age"]')).toBeNull();
    expect(made).not.toHaveBeenCalled();
  });

  it('says how old the data is once it is not live', async () => {
    const element = await render('offline', Date.now() - 5 * 60_000);
    expect(element.querySelector('[data-testid="data-age"]')?.textContent).toContain('5 minutes ago');
  });
});
