import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeAuthGateway } from '../testing/fake-gateways';
import { AUTH_GATEWAY } from './auth-gateway';
import { SessionStore } from './session-store';
import { TenantSwitcher } from './tenant-switcher';

describe('TenantSwitcher', () => {
  beforeEach(() => {
    localStorage.clear();
    const auth = new FakeAuthGateway();
    auth.signInAs({ alpha: 'viewer', beta: 'operator' });
    TestBed.configureTestingModule({ providers: [{ provide: AUTH_GATEWAY, useValue: auth }] });
  });

  it('lists the user’s tenants and switches the session to the one picked', async () => {
    const fixture = TestBed.createComponent(TenantSwitcher);
    await fixture.whenStable();
    const select: HTMLSelectElement = fixture.nativeElement.querySelector('[data-testid="tenant-switcher"]');
    expect([...select.options].map((option) => option.value)).toEqual(['alpha', 'beta']);
    expect(select.value).toBe('alpha');

    select.value = 'beta';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    const session = TestBed.inject(SessionStore);
    expect(session.selectedTenantId()).toBe('beta');
    expect(session.role()).toBe('operator');
  });
});
