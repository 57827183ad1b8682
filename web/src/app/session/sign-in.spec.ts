import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { FirebaseError } from 'firebase/app';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeAuthGateway } from '../testing/fake-gateways';
import { AUTH_GATEWAY } from './auth-gateway';
import { SignIn } from './sign-in';

describe('SignIn', () => {
  let auth: FakeAuthGateway;

  beforeEach(() => {
    auth = new FakeAuthGateway();
    auth.user.next(null);
    TestBed.configureTestingModule({ providers: [provideRouter([]), { provide: AUTH_GATEWAY, useValue: auth }] });
  });

  function fill(page: HTMLElement, label: string, value: string): void {
    const id = [...page.querySelectorAll('label')].find((element) => element.textContent === label)?.htmlFor ?? '';
    const input = page.querySelector<HTMLInputElement>(`#${id}`);
    if (!input) throw new Error(`no input labelled ${label}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  it('labels its fields and says clearly why a sign-in failed', async () => {
    auth.signInFailure = new FirebaseError('auth/invalid-credential', 'Firebase: Error (auth/invalid-credential).');
    const fixture = TestBed.createComponent(SignIn);
    await fixture.whenStable();
    const page: HTMLElement = fixture.nativeElement;
    fill(page, 'Email', 'ops@example.com');
    fill(page, 'Password', 'wrong');
    const button = [...page.querySelectorAll('button')].find((element) => element.textContent?.trim() === 'Sign in');
    button?.click();
    await fixture.whenStable();
    expect(page.querySelector('[role="alert"]')?.textContent).toBe('Email or password is incorrect.');
  });

  it('creates an account from the same form, and says why it could not', async () => {
    const fixture = TestBed.createComponent(SignIn);
    await fixture.whenStable();
    const page: HTMLElement = fixture.nativeElement;
    const button = (name: string) => [...page.querySelectorAll('button')].find((element) => element.textContent?.trim() === name);
    button('Create an account')?.click();
    await fixture.whenStable();
    fill(page, 'Email', ' new@example.com ');
    fill(page, 'Password', 'long enough');
    button('Create account')?.click();
    await fixture.whenStable();
    expect(auth.signUps).toEqual(['new@example.com']);

    auth.signInFailure = new FirebaseError('auth/email-already-in-use', 'Firebase: Error (auth/email-already-in-use).');
    button('Create account')?.click();
    await fixture.whenStable();
    expect(page.querySelector('[role="alert"]')?.textContent).toBe('An account with this email exists: sign in instead.');
  });
});
