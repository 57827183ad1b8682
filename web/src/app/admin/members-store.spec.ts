import { TestBed } from '@angular/core/testing';
import { FirebaseError } from 'firebase/app';
import type { SetMemberRoleRequest } from '@pulseboard/contracts';
import { Subject } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { Callables } from '../firebase/callables';
import { AUTH_GATEWAY } from '../session/auth-gateway';
import { asLive, FakeAuthGateway } from '../testing/fake-gateways';
import { MEMBERS_GATEWAY, type Member } from './members-gateway';
import { MembersStore } from './members-store';

class FakeMemberCallables {
  readonly requests: SetMemberRoleRequest[] = [];
  refusal: Error | null = null;

  async setMemberRole(request: SetMemberRoleRequest) {
    if (this.refusal) throw this.refusal;
    this.requests.push(request);
  }
}

describe('MembersStore', () => {
  let auth: FakeAuthGateway;
  let callables: FakeMemberCallables;
  let members: Subject<readonly Member[]>;

  beforeEach(() => {
    localStorage.clear();
    auth = new FakeAuthGateway();
    callables = new FakeMemberCallables();
    members = new Subject();
    TestBed.configureTestingModule({
      providers: [
        MembersStore,
        { provide: AUTH_GATEWAY, useValue: auth },
        { provide: Callables, useValue: callables },
        { provide: MEMBERS_GATEWAY, useValue: { watchByEmail: () => asLive(members) } },
      ],
    });
    auth.signInAs({ acme: 'admin' });
  });

  it("lists the selected tenant's members as the listener delivers them, and none after a switch to no tenant", () => {
    const store = TestBed.inject(MembersStore);
    TestBed.tick();
    const member: Member = { id: 'uid-2', email: 'ops@example.com', role: 'operator', updatedAt: 1 };
    members.next([member]);
    expect(store.members()).toEqual([member]);
    auth.signInAs({});
    TestBed.tick();
    expect(store.members()).toEqual([]);
  });

  it('invites, changes and removes through setMemberRole for the selected tenant', async () => {
    const store = TestBed.inject(MembersStore);
    expect(await store.setRole(' new@example.com ', 'viewer')).toBe(true);
    await store.setRole('new@example.com', 'operator');
    await store.setRole('new@example.com', null);
    expect(callables.requests).toEqual([
      { tenantId: 'acme', email: 'new@example.com', role: 'viewer' },
      { tenantId: 'acme', email: 'new@example.com', role: 'operator' },
      { tenantId: 'acme', email: 'new@example.com', role: null },
    ]);
  });

  it("keeps the function's reason when it refuses to demote the last admin", async () => {
    const store = TestBed.inject(MembersStore);
    callables.refusal = new FirebaseError('functions/failed-precondition', 'acme must keep at least one admin: make someone else admin first.');
    expect(await store.setRole('me@example.com', 'viewer')).toBe(false);
    expect(store.failure()).toBe('acme must keep at least one admin: make someone else admin first.');
    expect(store.busy()).toBe(false);
  });

  it('an invite gives the role, then has the invitee emailed a link to set a password, and says so', async () => {
    const store = TestBed.inject(MembersStore);
    expect(await store.invite(' new@example.com ', 'operator')).toBe(true);
    expect(callables.requests).toEqual([{ tenantId: 'acme', email: 'new@example.com', role: 'operator' }]);
    expect(auth.passwordSetups).toEqual(['new@example.com']);
    expect(store.invited()).toBe('new@example.com');
  });

  it('a refused invite emails nobody', async () => {
    const store = TestBed.inject(MembersStore);
    callables.refusal = new FirebaseError('functions/permission-denied', 'Only admins of acme can manage its members.');
    expect(await store.invite('new@example.com', 'operator')).toBe(false);
    expect(auth.passwordSetups).toEqual([]);
    expect(store.invited()).toBeNull();
  });

  it('names the sole admin, who cannot be demoted or removed, and nobody once there are two', () => {
    const store = TestBed.inject(MembersStore);
    TestBed.tick();
    const admin: Member = { id: 'uid-1', email: 'me@example.com', role: 'admin', updatedAt: 1 };
    const operator: Member = { id: 'uid-2', email: 'ops@example.com', role: 'operator', updatedAt: 1 };
    members.next([admin, operator]);
    expect(store.soleAdmin()).toBe('uid-1');
    members.next([admin, { ...operator, role: 'admin' }]);
    expect(store.soleAdmin()).toBeNull();
  });
});
