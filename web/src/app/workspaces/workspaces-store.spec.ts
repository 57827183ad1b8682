import { TestBed } from '@angular/core/testing';
import { Subject, type Observable } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { AUTH_GATEWAY } from '../session/auth-gateway';
import { FakeAuthGateway, tenantSettings } from '../testing/fake-gateways';
import type { WorkspaceReading } from './workspace-summary';
import { WORKSPACES_GATEWAY, type WorkspacesGateway } from './workspaces-gateway';
import { WorkspacesStore } from './workspaces-store';

class FakeWorkspacesGateway implements WorkspacesGateway {
  readonly readings = new Map<string, Subject<WorkspaceReading>>();

  readWorkspace(tenantId: string): Observable<WorkspaceReading> {
    const reading = new Subject<WorkspaceReading>();
    this.readings.set(tenantId, reading);
    return reading.asObservable();
  }

  answer(tenantId: string, reading: WorkspaceReading): void {
    const subject = this.readings.get(tenantId);
    subject?.next(reading);
    subject?.complete();
  }
}

const reading = (name: string): WorkspaceReading => ({ tenant: tenantSettings({ name }), hosts: [], openAlerts: { warning: 1, critical: 0 }, alertCountMax: 200 });

describe('WorkspacesStore', () => {
  let auth: FakeAuthGateway;
  let gateway: FakeWorkspacesGateway;

  beforeEach(() => {
    localStorage.clear();
    auth = new FakeAuthGateway();
    gateway = new FakeWorkspacesGateway();
    TestBed.configureTestingModule({
      providers: [WorkspacesStore, { provide: AUTH_GATEWAY, useValue: auth }, { provide: WORKSPACES_GATEWAY, useValue: gateway }],
    });
    auth.signInAs({ acme: 'operator', globex: 'viewer' });
  });

  it('reads every workspace of the user once, each row loading until its own answer comes', () => {
    const store = TestBed.inject(WorkspacesStore);
    TestBed.tick();
    expect([...gateway.readings.keys()]).toEqual(['acme', 'globex']);
    expect(store.rows().map((row) => row.state)).toEqual(['loading', 'loading']);
    gateway.answer('globex', reading('Globex'));
    expect(store.rows().map((row) => row.state)).toEqual(['loading', 'read']);
    const globex = store.rows()[1];
    expect(globex?.state === 'read' ? globex.summary.name : null).toBe('Globex');
  });

  it('says why one workspace could not be read, and still lists the others', () => {
    const store = TestBed.inject(WorkspacesStore);
    TestBed.tick();
    gateway.readings.get('acme')?.error(new Error('Missing or insufficient permissions.'));
    gateway.answer('globex', reading('Globex'));
    expect(store.rows()).toEqual([
      { tenantId: 'acme', state: 'failed', error: 'Missing or insufficient permissions.' },
      expect.objectContaining({ tenantId: 'globex', state: 'read' }),
    ]);
  });
});
