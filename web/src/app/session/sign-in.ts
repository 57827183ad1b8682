import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { Router } from '@angular/router';
import { SessionStore } from './session-store';

@Component({
  selector: 'pb-sign-in',
  imports: [MatButton],
  templateUrl: './sign-in.html',
  styleUrl: './sign-in.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignIn {
  protected readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  protected readonly email = signal('');
  protected readonly password = signal('');
  /** Signing in to an account, or creating one (self-service sign-up). */
  protected readonly creating = signal(false);

  constructor() {
    effect(() => {
      if (this.session.status() === 'signed-in') void this.router.navigateByUrl('/');
    });
  }

  protected submit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.creating()) void this.session.signUp(this.email(), this.password());
    else void this.session.signIn(this.email(), this.password());
  }

  protected typed(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }
}
