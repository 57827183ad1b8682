import { TestBed } from '@angular/core/testing';
import { FirebaseError } from 'firebase/app';
import { of } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { Callables } from '../firebase/callables';
import { AUTH_GATEWAY } from '../session/auth-gateway';
import { asLive, FakeAuthGateway } from '../testing/fake-gateways';
import { MEMBERS_GATEWAY, type Member } from './members-gateway';
import { Members } from './members';

const LAST_ADMIN = 'acme must keep at least one admin: make someone else admin first.';
const ME: Member = { id: 'user-1', email: 'me@example.com', role: 'admin', updatedAt: 1 };

describe('Members', () => {
  beforeEach(() => {
    localStorage.clear();
    const auth = new FakeAuthGateway();
    const refuse = async () => {
      throw new FirebaseError('functions/failed-precondition', LAST_ADMIN);
    };
    TestBed.configureTestingModule({
      providers: [
        { provide: AUTH_GATEWAY, useValue: auth },
        { provide: Callables, useValue: { setMemberRole: refuse } },
        { provide: MEMBERS_GATEWAY, useValue: { watchByEmail: () => asLive(of([ME])) } },
      ],
    });
    auth.signInAs({ acme: 'admin' });
  });

  it("says why the last admin cannot be demoted, and shows the role they keep", async () => {
    const fixture = TestBed.createComponent(Members);
    await fixture.whenStable();
    const page: HTMLElement = fixture.nativeElement;
    const select = page.querySelector<HTMLSelectElement>('select[aria-label="Role of me@example.com"]');
    if (!select) throw new Error('no role select for the member');
    expect(select.value).toBe('admin');
    select.value = 'viewer';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(page.querySelector('[role="alert"]')?.textContent).toBe(LAST_ADMIN);
    expect(select.value).toBe('admin');
  });

  it('says beside the only admin why they cannot be removed, and the button is disabled', async () => {
    const fixture = TestBed.createComponent(Members);
    await fixture.whenStable();
    const page: HTMLElement = fixture.nativeElement;
    const remove = page.querySelector<HTMLButtonElement>('button[aria-label="Remove me@example.com"]');
    expect(remove?.disabled).toBe(true);
    const note = page.querySelector(`#${remove?.getAttribute('aria-describedby') ?? 'none'}`);
    expect(note?.textContent).toContain('Only admin');
  });
});
