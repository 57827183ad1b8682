import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Role } from '@pulseboard/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeAuthGateway } from '../testing/fake-gateways';
import { AUTH_GATEWAY } from './auth-gateway';
import { roleGuard, signedInGuard, signedOutGuard } from './session-guards';

@Component({ template: '' })
class Blank {}

describe('session guards', () => {
  let auth: FakeAuthGateway;

  beforeEach(() => {
    localStorage.clear();
    auth = new FakeAuthGateway();
    TestBed.configureTestingModule({
      providers: [
        { provide: AUTH_GATEWAY, useValue: auth },
        provideRouter([
          { path: 'sign-in', component: Blank, canActivate: [signedOutGuard] },
          { path: 'overview', component: Blank, canActivate: [signedInGuard] },
          { path: 'admin', component: Blank, canActivate: [signedInGuard, roleGuard('admin')] },
        ]),
      ],
    });
  });

  async function land(url: string): Promise<string> {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    return TestBed.inject(Router).url;
  }

  function signInAs(role: Role): void {
    auth.signInAs({ alpha: role });
  }

  it('sends a signed-out visitor to the sign-in page', async () => {
    auth.user.next(null);
    expect(await land('/overview')).toBe('/sign-in');
  });

  it('sends a signed-out visitor of a deep link to the sign-in page with the page to return to', async () => {
    auth.user.next(null);
    expect(await land('/admin?tab=keys')).toBe('/sign-in?next=%2Fadmin%3Ftab%3Dkeys');
  });

  it.each([
    ['the page it names', '/sign-in?next=%2Fadmin', '/admin'],
    ['the start when it names another site', '/sign-in?next=%2F%2Fevil.example', '/'],
  ])('sends a signed-in member from the sign-in page on to %s', async (_case, url, landed) => {
    signInAs('admin');
    expect(await land(url)).toBe(landed);
  });

  it('lets a member in', async () => {
    signInAs('viewer');
    expect(await land('/overview')).toBe('/overview');
  });

  it('sends a signed-in member away from the sign-in page', async () => {
    signInAs('viewer');
    expect(await land('/sign-in')).not.toBe('/sign-in');
  });

  it('keeps a viewer out of an admin route', async () => {
    signInAs('viewer');
    expect(await land('/admin')).toBe('/overview');
  });

  it('lets an admin into an admin route', async () => {
    signInAs('admin');
    expect(await land('/admin')).toBe('/admin');
  });
});
