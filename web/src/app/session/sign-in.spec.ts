import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { FirebaseError } from 'firebase/app';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeAuthGateway } from '../testing/fake-gateways';
import { AuthGateway } from './auth-gateway';
import { SignIn } from './sign-in';

describe('SignIn', () => {
  let auth: FakeAuthGateway;

  beforeEach(() => {
    auth = new FakeAuthGateway();
    auth.user.next(null);
    TestBed.configureTestingModule({ providers: [provideRouter([]), { provide: AuthGateway, useValue: auth }] });
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
});
