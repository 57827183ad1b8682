import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { AUTH_GATEWAY } from '../session/auth-gateway';
import { SessionStore } from '../session/session-store';
import { FakeAuthGateway } from '../testing/fake-gateways';
import { DEFAULT_HOST_COLUMNS, HostColumns, MAX_HOST_COLUMNS } from './host-columns';

describe('HostColumns', () => {
  let auth: FakeAuthGateway;

  function create() {
    TestBed.configureTestingModule({ providers: [{ provide: AUTH_GATEWAY, useValue: auth }] });
    const columns = TestBed.inject(HostColumns);
    const session = TestBed.inject(SessionStore);
    TestBed.tick();
    return { columns, session };
  }

  beforeEach(() => {
    localStorage.clear();
    auth = new FakeAuthGateway();
    auth.signInAs({ alpha: 'viewer', beta: 'viewer' });
  });

  it('shows the default columns until the user picks', () => {
    expect(create().columns.picked()).toEqual(DEFAULT_HOST_COLUMNS);
  });

  it('keeps a pick per user and tenant across a new page', () => {
    const { columns, session } = create();
    session.selectTenant('alpha');
    columns.toggle('queue_depth');
    columns.toggle('requests');
    expect(columns.picked()).toEqual(['cpu', 'active_users', 'queue_depth']);
    session.selectTenant('beta');
    expect(columns.picked()).toEqual(DEFAULT_HOST_COLUMNS);
    session.selectTenant('alpha');
    expect(columns.picked()).toEqual(['cpu', 'active_users', 'queue_depth']);

    TestBed.resetTestingModule();
    const again = create();
    again.session.selectTenant('alpha');
    expect(again.columns.picked()).toEqual(['cpu', 'active_users', 'queue_depth']);
  });

  it('takes no pick past the limit', () => {
    const { columns } = create();
    for (let i = 0; i < MAX_HOST_COLUMNS + 3; i++) columns.toggle(`m${i}`);
    expect(columns.picked()).toHaveLength(MAX_HOST_COLUMNS);
  });

  it('reads a stored value that is not a list of metric names as no choice', () => {
    localStorage.setItem('pulseboard.hostColumns.user-1/alpha', '{"not":"a list"');
    localStorage.setItem('pulseboard.hostColumns.user-1/beta', JSON.stringify(['ok', 'not a name!']));
    const { columns, session } = create();
    session.selectTenant('alpha');
    expect(columns.picked()).toEqual(DEFAULT_HOST_COLUMNS);
    session.selectTenant('beta');
    expect(columns.picked()).toEqual(DEFAULT_HOST_COLUMNS);
  });

  it("forgets every user's picks on this device, and nothing else", () => {
    localStorage.setItem('pulseboard.hostColumns.someone-else/gamma', JSON.stringify(['x']));
    localStorage.setItem('pulseboard.theme', 'dark');
    const { columns } = create();
    columns.toggle('queue_depth');
    columns.forget();
    expect(columns.picked()).toEqual(DEFAULT_HOST_COLUMNS);
    expect(Object.keys(localStorage)).toEqual(['pulseboard.theme']);
  });
});
