import { TestBed } from '@angular/core/testing';
import { FirebaseError } from 'firebase/app';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeAuthGateway } from '../testing/fake-gateways';
import { AUTH_GATEWAY } from './auth-gateway';
import { CLAIM_REFRESH_DELAYS_MS, SessionStore } from './session-store';

describe('SessionStore', () => {
  let auth: FakeAuthGateway;

  function createStore() {
    TestBed.configureTestingModule({ providers: [{ provide: AUTH_GATEWAY, useValue: auth }] });
    return TestBed.inject(SessionStore);
  }

  beforeEach(() => {
    localStorage.clear();
    auth = new FakeAuthGateway();
  });

  it('is signed out when Firebase Auth restores no user', () => {
    const store = createStore();
    auth.user.next(null);
    expect(store.status()).toBe('signed-out');
  });

  it('selects the first tenant by id for a new member of several', () => {
    const store = createStore();
    auth.signInAs({ zeta: 'viewer', alpha: 'operator' });
    expect(store.selectedTenantId()).toBe('alpha');
    expect(store.role()).toBe('operator');
    expect(store.canOperate()).toBe(true);
  });

  it('restores the tenant picked before the reload', () => {
    localStorage.setItem('pulseboard.tenant', 'zeta');
    const store = createStore();
    auth.signInAs({ zeta: 'viewer', alpha: 'operator' });
    expect(store.selectedTenantId()).toBe('zeta');
    expect(store.canOperate()).toBe(false);
  });

  it('switches tenant and remembers the choice', () => {
    const store = createStore();
    auth.signInAs({ zeta: 'admin', alpha: 'viewer' });
    store.selectTenant('zeta');
    expect(store.selectedTenantId()).toBe('zeta');
    expect(store.isAdmin()).toBe(true);
    expect(localStorage.getItem('pulseboard.tenant')).toBe('zeta');
  });

  it('refuses a tenant the user is no member of', () => {
    const store = createStore();
    auth.signInAs({ alpha: 'viewer' });
    store.selectTenant('other');
    expect(store.selectedTenantId()).toBe('alpha');
  });

  it('refuses the tenant id `constructor`, an Object.prototype member, to a user who is no member of it', () => {
    const store = createStore();
    auth.signInAs({ alpha: 'viewer' });
    store.selectTenant('constructor');
    expect(store.selectedTenantId()).toBe('alpha');
    expect(store.role()).toBe('viewer');
  });

  it('moves to a remaining tenant when a new token drops the selected one', () => {
    const store = createStore();
    auth.signInAs({ zeta: 'viewer', alpha: 'viewer' });
    store.selectTenant('zeta');
    auth.signInAs({ alpha: 'viewer' });
    expect(store.selectedTenantId()).toBe('alpha');
  });

  it('shows a readable message when the password is wrong', async () => {
    const store = createStore();
    auth.user.next(null);
    auth.signInFailure = new FirebaseError('auth/invalid-credential', 'Firebase: Error (auth/invalid-credential).');
    await store.signIn('ops@example.com', 'nope');
    expect(store.signInError()).toBe('Email or password is incorrect.');
    expect(store.signingIn()).toBe(false);
  });

  describe('when the member document disagrees with the token', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('does not refresh while the member document agrees with the claim', async () => {
      createStore();
      auth.signInAs({ alpha: 'viewer' });
      TestBed.tick();
      auth.memberRoles.next('viewer');
      await vi.runAllTimersAsync();
      expect(auth.refreshCount).toBe(0);
    });

    it('refreshes when the member document changes, and stops once the claim follows', async () => {
      const store = createStore();
      auth.signInAs({ alpha: 'viewer' });
      TestBed.tick();
      auth.memberRoles.next('viewer');
      auth.claimsOnRefresh.push({ alpha: 'operator' });
      auth.memberRoles.next('operator');
      await vi.runAllTimersAsync();
      expect(auth.refreshCount).toBe(1);
      expect(store.role()).toBe('operator');
    });

    it('refreshes at once when the first snapshot already disagrees: the role changed while the app was closed', async () => {
      const store = createStore();
      auth.signInAs({ alpha: 'admin' });
      TestBed.tick();
      auth.claimsOnRefresh.push({ alpha: 'viewer' });
      auth.memberRoles.next('viewer');
      await vi.runAllTimersAsync();
      expect(auth.refreshCount).toBe(1);
      expect(store.isAdmin()).toBe(false);
    });

    it('tries again while the claim lags the member document (it is written first), a bounded number of times', async () => {
      const store = createStore();
      auth.signInAs({ alpha: 'viewer' });
      TestBed.tick();
      // Two refreshes still bring the old claim, the third the new one.
      auth.claimsOnRefresh.push({ alpha: 'viewer' }, { alpha: 'viewer' }, { alpha: 'operator' });
      auth.memberRoles.next('operator');
      await vi.runAllTimersAsync();
      expect(auth.refreshCount).toBe(3);
      expect(store.canOperate()).toBe(true);

      auth.memberRoles.next('admin');
      await vi.runAllTimersAsync();
      expect(auth.refreshCount).toBe(3 + CLAIM_REFRESH_DELAYS_MS.length);
      expect(store.status()).toBe('signed-in');
    });

    it('a removed member (no member document) refreshes too', async () => {
      createStore();
      auth.signInAs({ alpha: 'operator', beta: 'viewer' });
      TestBed.tick();
      auth.claimsOnRefresh.push({ beta: 'viewer' });
      auth.memberRoles.next(null);
      await vi.runAllTimersAsync();
      expect(auth.refreshCount).toBe(1);
    });
  });

  it('forgets the user and tenant on sign-out', async () => {
    const store = createStore();
    auth.signInAs({ alpha: 'viewer' });
    await store.signOut();
    expect(store.status()).toBe('signed-out');
    expect(store.selectedTenantId()).toBeNull();
  });
});
