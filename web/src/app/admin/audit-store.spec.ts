import { TestBed } from '@angular/core/testing';
import { Subject, type Observable } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PageCursor } from '../firebase/uncached-reads';
import { AUTH_GATEWAY } from '../session/auth-gateway';
import { FakeAuthGateway } from '../testing/fake-gateways';
import { AUDIT_GATEWAY, AUDIT_PAGE, type AuditFilter, type AuditGateway, type AuditRecord } from './audit-gateway';
import { AuditStore } from './audit-store';

interface PageRead {
  readonly tenantId: string;
  readonly filter: AuditFilter;
  readonly after: PageCursor | null;
  readonly answer: Subject<readonly AuditRecord[]>;
}

class FakeAuditGateway implements AuditGateway {
  readonly reads: PageRead[] = [];

  readPage(tenantId: string, filter: AuditFilter, after: PageCursor | null): Observable<readonly AuditRecord[]> {
    const answer = new Subject<readonly AuditRecord[]>();
    this.reads.push({ tenantId, filter, after, answer });
    return answer.asObservable();
  }

  last(): PageRead {
    const read = this.reads.at(-1);
    if (read === undefined) throw new Error('no page was read');
    return read;
  }
}

const entry = (id: string, at: number): AuditRecord => ({
  id,
  at,
  actor: 'user-1',
  action: 'member.role',
  target: 'someone@example.com',
  oldValue: null,
  newValue: 'viewer',
  outcome: null,
});

const fullPage = (from: number): AuditRecord[] => Array.from({ length: AUDIT_PAGE }, (_, index) => entry(`e-${from - index}`, from - index));

describe('AuditStore', () => {
  let auth: FakeAuthGateway;
  let gateway: FakeAuditGateway;

  beforeEach(() => {
    localStorage.clear();
    auth = new FakeAuthGateway();
    gateway = new FakeAuditGateway();
    TestBed.configureTestingModule({
      providers: [AuditStore, { provide: AUTH_GATEWAY, useValue: auth }, { provide: AUDIT_GATEWAY, useValue: gateway }],
    });
    auth.signInAs({ acme: 'admin' });
  });

  it("reads the selected tenant's newest page, loading until it comes", () => {
    const store = TestBed.inject(AuditStore);
    TestBed.tick();
    expect(gateway.reads.map(({ tenantId, filter, after }) => ({ tenantId, filter, after }))).toEqual([
      { tenantId: 'acme', filter: { actor: null, action: null }, after: null },
    ]);
    expect(store.loading()).toBe(true);
    gateway.last().answer.next([entry('e-2', 2), entry('e-1', 1)]);
    expect(store.entries().map(({ id }) => id)).toEqual(['e-2', 'e-1']);
    expect(store.loading()).toBe(false);
    expect(store.mayHaveOlder()).toBe(false);
  });

  it('reads the next page after the last entry shown and appends it', () => {
    const store = TestBed.inject(AuditStore);
    TestBed.tick();
    gateway.last().answer.next(fullPage(1_000));
    expect(store.mayHaveOlder()).toBe(true);
    store.showOlder();
    expect(gateway.last().after).toEqual({ value: 1_000 - AUDIT_PAGE + 1, id: `e-${1_000 - AUDIT_PAGE + 1}` });
    gateway.last().answer.next([entry('e-old', 5)]);
    expect(store.entries()).toHaveLength(AUDIT_PAGE + 1);
    expect(store.entries().at(-1)?.id).toBe('e-old');
    expect(store.mayHaveOlder()).toBe(false);
  });

  it('a new filter starts over from the newest page, dropping the older page still on its way', () => {
    const store = TestBed.inject(AuditStore);
    TestBed.tick();
    gateway.last().answer.next(fullPage(1_000));
    store.showOlder();
    const older = gateway.last();
    store.filterBy({ actor: 'user-2', action: 'key.create' });
    TestBed.tick();
    expect(gateway.last()).toMatchObject({ filter: { actor: 'user-2', action: 'key.create' }, after: null });
    expect(store.entries()).toEqual([]);
    expect(older.answer.observed).toBe(false);
  });

  it('says why a page could not be read', () => {
    const store = TestBed.inject(AuditStore);
    TestBed.tick();
    gateway.last().answer.error(new Error('Missing or insufficient permissions.'));
    expect(store.error()).toBe('Missing or insufficient permissions.');
    expect(store.loading()).toBe(false);
  });
});
