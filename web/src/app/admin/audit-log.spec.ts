import { TestBed } from '@angular/core/testing';
import { of, Subject, type Observable } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { Callables } from '../firebase/callables';
import type { PageCursor } from '../firebase/uncached-reads';
import { AUTH_GATEWAY } from '../session/auth-gateway';
import { asLive, FakeAuthGateway } from '../testing/fake-gateways';
import { AUDIT_GATEWAY, type AuditFilter, type AuditGateway, type AuditRecord } from './audit-gateway';
import { AuditLog } from './audit-log';
import { MEMBERS_GATEWAY, type Member } from './members-gateway';

const ADMIN: Member = { id: 'uid-admin', email: 'admin@example.com', role: 'admin', updatedAt: 1 };

class FakeAuditGateway implements AuditGateway {
  readonly filters: AuditFilter[] = [];
  readonly page = new Subject<readonly AuditRecord[]>();

  readPage(_tenantId: string, filter: AuditFilter, _after: PageCursor | null): Observable<readonly AuditRecord[]> {
    this.filters.push(filter);
    return this.page.asObservable();
  }
}

describe('AuditLog', () => {
  let gateway: FakeAuditGateway;

  beforeEach(() => {
    localStorage.clear();
    const auth = new FakeAuthGateway();
    gateway = new FakeAuditGateway();
    TestBed.configureTestingModule({
      providers: [
        { provide: AUTH_GATEWAY, useValue: auth },
        { provide: AUDIT_GATEWAY, useValue: gateway },
        { provide: MEMBERS_GATEWAY, useValue: { watchByEmail: () => asLive(of([ADMIN])) } },
        // The members store behind the actor names never calls a function here.
        { provide: Callables, useValue: {} },
      ],
    });
    auth.signInAs({ acme: 'admin' });
  });

  it('names actors by email (the bootstrap tool by name), shows old and new values, and filters by actor and action', async () => {
    const fixture = TestBed.createComponent(AuditLog);
    await fixture.whenStable();
    const page: HTMLElement = fixture.nativeElement;
    expect(page.textContent).toContain('Loading…');
    gateway.page.next([
      { id: 'e2', at: 2, actor: 'uid-admin', action: 'member.role', target: 'ops@example.com', oldValue: 'viewer', newValue: 'operator', outcome: null },
      { id: 'e1', at: 1, actor: null, action: 'tenant.bootstrap', target: 'acme', oldValue: null, newValue: { name: 'Acme' }, outcome: null },
    ]);
    await fixture.whenStable();
    const rows = [...page.querySelectorAll('[data-testid="audit-row"]')].map((row) =>
      [...row.querySelectorAll('td')].slice(1, 6).map((cell) => cell.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['admin@example.com', 'member.role', 'ops@example.com', 'viewer', 'operator'],
      ['bootstrap tool', 'tenant.bootstrap', 'acme', 'none', 'name: Acme'],
    ]);

    const actor = page.querySelector<HTMLSelectElement>('#audit-actor');
    const action = page.querySelector<HTMLSelectElement>('#audit-action');
    if (!actor || !action) throw new Error('no filters');
    actor.value = 'uid-admin';
    actor.dispatchEvent(new Event('change'));
    action.value = 'key.rotate';
    action.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(gateway.filters.at(-1)).toEqual({ actor: 'uid-admin', action: 'key.rotate' });
  });
});
