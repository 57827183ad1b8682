import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { ActivatedRoute, Router } from '@angular/router';
import { returnUrlOf } from './return-url';
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
  private readonly route = inject(ActivatedRoute);
  protected readonly email = signal('');
  protected readonly password = signal('');
  /** Signing in to an account, or creating one (self-service sign-up). */
  protected readonly creating = signal(false);

  constructor() {
    effect(() => {
      // On to the page the visitor asked for before signing in (an alert's link), else the start.
      if (this.session.status() === 'signed-in') void this.router.navigateByUrl(returnUrlOf(this.route.snapshot));
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
