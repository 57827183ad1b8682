import { ErrorHandler, inject, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { patchState, signalStore, withHooks, withState } from '@ngrx/signals';
import { Subject } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Live } from '../firebase/live-snapshots';
import { SessionStore } from '../session/session-store';
import { PerTenant } from '../testing/fake-gateways';
import { withListeners } from './with-listeners';

/** Stands in for a gateway: one subject per tenant, so a test sees which tenants are listened to. */
class Listened {
  readonly items = new PerTenant<Live<readonly string[]>>();
}

const ListTestStore = signalStore(
  withState<{ items: readonly string[] | null }>({ items: null }),
  withListeners(),
  withHooks({
    onInit(store, gateway = inject(Listened)) {
      store._listenToTenant('items', (tenantId) => gateway.items.for(tenantId), (items) => patchState(store, { items }));
    },
  }),
);

const live = (value: readonly string[], fromCache = false): Live<readonly string[]> => ({ value, fromCache, hasPendingWrites: false });

describe('withListeners', () => {
  let tenantId: ReturnType<typeof signal<string | null>>;
  let gateway: Listened;
  let reported: unknown[];
  let store: InstanceType<typeof ListTestStore>;

  beforeEach(() => {
    TestBed.resetTestingModule();
    tenantId = signal<string | null>('acme');
    gateway = new Listened();
    reported = [];
    TestBed.configureTestingModule({
      providers: [
        ListTestStore,
        { provide: Listened, useValue: gateway },
        { provide: SessionStore, useValue: { selectedTenantId: tenantId } },
        { provide: ErrorHandler, useValue: { handleError: (error: unknown) => reported.push(error) } },
      ],
    });
    store = TestBed.inject(ListTestStore);
    TestBed.tick();
  });

  it('is loading until the listener delivers, then shows what it delivered', () => {
    expect(store.loading()).toBe(true);
    expect(store.loaded()).toBe(false);
    gateway.items.for('acme').next(live(['a']));
    expect(store.items()).toEqual(['a']);
    expect(store.loading()).toBe(false);
    expect(store.loaded()).toBe(true);
  });

  it('says when the last snapshot came from the local cache', () => {
    gateway.items.for('acme').next(live(['a'], true));
    expect(store.fromCache()).toBe(true);
    gateway.items.for('acme').next(live(['a']));
    expect(store.fromCache()).toBe(false);
  });

  it('switches to the next tenant’s listener, dropping the previous tenant’s data at once', () => {
    gateway.items.for('acme').next(live(['acme-item']));
    tenantId.set('globex');
    TestBed.tick();
    expect(store.items()).toBeNull();
    expect(store.loading()).toBe(true);
    expect(gateway.items.listening('acme')).toBe(false);
    expect(gateway.items.listening('globex')).toBe(true);
  });

  it('listens to nothing, and awaits nothing, without a tenant', () => {
    tenantId.set(null);
    TestBed.tick();
    expect(gateway.items.listening('acme')).toBe(false);
    expect(store.loading()).toBe(false);
    expect(store.loaded()).toBe(false);
  });

  it('shows why a listener failed and reports it, and the next tenant still loads', () => {
    const denied = new Error('Missing or insufficient permissions.');
    gateway.items.for('acme').error(denied);
    expect(store.listenerError()).toBe('Missing or insufficient permissions.');
    expect(store.loading()).toBe(false);
    expect(reported).toEqual([denied]);
    tenantId.set('globex');
    TestBed.tick();
    expect(store.listenerError()).toBeNull();
    gateway.items.for('globex').next(live(['globex-item']));
    expect(store.items()).toEqual(['globex-item']);
  });

  it('ends the listener with the store', () => {
    TestBed.resetTestingModule();
    expect(gateway.items.listening('acme')).toBe(false);
  });
});

describe('withListeners with a key of its own', () => {
  it('restarts the listener when any part of the key changes', () => {
    TestBed.resetTestingModule();
    const host = signal<string | null>('web-01');
    const watched: string[] = [];
    const subjects = new Map<string, Subject<Live<string>>>();
    const HostTestStore = signalStore(
      withState<{ shown: string | null }>({ shown: null }),
      withListeners(),
      withHooks({
        onInit(store) {
          store._listen(
            'host',
            host,
            (name) => {
              watched.push(name);
              const subject = new Subject<Live<string>>();
              subjects.set(name, subject);
              return subject;
            },
            (shown) => patchState(store, { shown }),
          );
        },
      }),
    );
    TestBed.configureTestingModule({ providers: [HostTestStore, { provide: SessionStore, useValue: { selectedTenantId: signal('acme') } }] });
    const store = TestBed.inject(HostTestStore);
    TestBed.tick();
    subjects.get('web-01')?.next({ value: 'one', fromCache: false, hasPendingWrites: false });
    expect(store.shown()).toBe('one');
    host.set('web-02');
    TestBed.tick();
    expect(watched).toEqual(['web-01', 'web-02']);
    expect(store.shown()).toBeNull();
    expect(subjects.get('web-01')?.observed).toBe(false);
  });
});
