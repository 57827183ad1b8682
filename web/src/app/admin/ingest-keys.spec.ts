import { TestBed } from '@angular/core/testing';
import { BehaviorSubject, throwError } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { Callables } from '../firebase/callables';
import { FUNCTIONS_BASE_URL } from '../firebase/functions-base-url';
import { AUTH_GATEWAY } from '../session/auth-gateway';
import { asLive, FakeAuthGateway } from '../testing/fake-gateways';
import { IngestKeys } from './ingest-keys';
import { KEYS_GATEWAY, type IngestKey } from './keys-gateway';

const SECRET = `pbk_acme_${'b'.repeat(40)}`;
const BASE_URL = 'http://127.0.0.1:5001/demo-pulseboard/us-central1';

describe('IngestKeys', () => {
  const listed = new BehaviorSubject<readonly IngestKey[]>([]);

  beforeEach(() => {
    localStorage.clear();
    listed.next([]);
    const auth = new FakeAuthGateway();
    TestBed.configureTestingModule({
      providers: [
        { provide: AUTH_GATEWAY, useValue: auth },
        { provide: Callables, useValue: { createIngestKey: async () => ({ keyId: 'key-1', secret: SECRET }) } },
        { provide: KEYS_GATEWAY, useValue: { watchNewest: () => asLive(listed) } },
        { provide: FUNCTIONS_BASE_URL, useValue: BASE_URL },
      ],
    });
    auth.signInAs({ acme: 'admin' });
  });

  it('shows a minted secret once, with copy buttons and every agent configuration carrying the real URLs, until dismissed', async () => {
    const fixture = TestBed.createComponent(IngestKeys);
    await fixture.whenStable();
    const page: HTMLElement = fixture.nativeElement;
    const input = page.querySelector<HTMLInputElement>('input');
    if (!input) throw new Error('no label input');
    input.value = 'edge';
    input.dispatchEvent(new Event('input'));
    page.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
    fixture.detectChanges();

    expect(page.querySelector('[data-testid="minted-secret"]')?.textContent).toBe(SECRET);
    const snippets = [...page.querySelectorAll('[data-testid="minted-snippet"]')].map((snippet) => snippet.textContent ?? '');
    expect(snippets[0]).toContain(`curl -sS '${BASE_URL}/ingest' -H 'authorization: Bearer ${SECRET}'`);
    expect(snippets.join('\n')).toContain(`URL "${BASE_URL}/collectd"`);
    expect(snippets.join('\n')).toContain(`OTEL_EXPORTER_OTLP_METRICS_ENDPOINT=${BASE_URL}/otlp/v1/metrics`);
    const buttons = [...page.querySelectorAll('button')].map((button) => button.textContent?.trim());
    expect(buttons).toEqual(expect.arrayContaining(['Copy secret', 'Copy curl (Pulseboard JSON)', 'Copy collectd (write_http)']));
    [...page.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'I have saved it')?.click();
    await fixture.whenStable();
    expect(page.textContent).not.toContain(SECRET);
  });

  it('lists when each key was last used, and offers rotation only for a live key not rotated yet', async () => {
    const base = { prefix: 'pbk_acme_aaaa', createdAt: 1, createdBy: 'user-1', revokedAt: null };
    listed.next([
      { ...base, id: 'new', label: 'fresh' },
      { ...base, id: 'used', label: 'used', lastUsedAt: Date.UTC(2026, 11, 2, 10, 30) },
      { ...base, id: 'old', label: 'rotated', replacedBy: 'used' },
    ]);
    const fixture = TestBed.createComponent(IngestKeys);
    await fixture.whenStable();
    const rows = [...(fixture.nativeElement as HTMLElement).querySelectorAll('[data-testid="key-row"]')];
    const cells = rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? ''));
    expect(cells[0]?.[3]).toBe('never');
    // The date pipe's short form: a date and a time to the minute.
    expect(cells[1]?.[3]).toMatch(/\d{1,2}\/\d{1,2}\/\d{2}, \d{1,2}:\d{2}/);
    expect(cells[2]?.[4]).toContain('rotated');
    const rotate = rows.map((row) => row.querySelector('button[aria-label^="Rotate"]') !== null);
    expect(rotate).toEqual([true, true, false]);
  });

  it('shows why the keys cannot be listed live when their listener fails, not only in the console', async () => {
    TestBed.overrideProvider(KEYS_GATEWAY, { useValue: { watchNewest: () => throwError(() => new Error('Missing or insufficient permissions.')) } });
    const fixture = TestBed.createComponent(IngestKeys);
    await fixture.whenStable();
    const page: HTMLElement = fixture.nativeElement;
    expect(page.querySelector('[data-testid="listener-error"]')?.textContent).toContain('The ingest keys cannot be shown live: Missing or insufficient permissions.');
  });
});
