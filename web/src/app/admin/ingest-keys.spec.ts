import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { Callables } from '../firebase/callables';
import { INGEST_URL } from '../firebase/ingest-url';
import { AuthGateway } from '../session/auth-gateway';
import { FakeAuthGateway } from '../testing/fake-gateways';
import { IngestKeys } from './ingest-keys';
import { KeysGateway } from './keys-gateway';

const SECRET = `pbk_acme_${'b'.repeat(40)}`;
const URL = 'http://127.0.0.1:5001/demo-pulseboard/us-central1/ingest';

describe('IngestKeys', () => {
  beforeEach(() => {
    localStorage.clear();
    const auth = new FakeAuthGateway();
    TestBed.configureTestingModule({
      providers: [
        { provide: AuthGateway, useValue: auth },
        { provide: Callables, useValue: { createIngestKey: async () => ({ keyId: 'key-1', secret: SECRET }) } },
        { provide: KeysGateway, useValue: { newest$: () => of([]) } },
        { provide: INGEST_URL, useValue: URL },
      ],
    });
    auth.signInAs({ acme: 'admin' });
  });

  it('shows a minted secret once, with copy buttons and a curl carrying the ingest URL, until dismissed', async () => {
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
    expect(page.querySelector('[data-testid="minted-curl"]')?.textContent).toContain(`curl -X POST '${URL}' -H 'Authorization: Bearer ${SECRET}'`);
    const buttons = [...page.querySelectorAll('button')].map((button) => button.textContent?.trim());
    expect(buttons).toEqual(expect.arrayContaining(['Copy secret', 'Copy curl']));
    [...page.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'I have saved it')?.click();
    await fixture.whenStable();
    expect(page.textContent).not.toContain(SECRET);
  });
});
