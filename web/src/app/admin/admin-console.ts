import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

/** The admin console's frame: its pages as tabs. */
@Component({
  selector: 'pb-admin-console',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  template: `
    <h1>Admin</h1>
    <nav aria-label="Admin pages">
      <a routerLink="members" routerLinkActive="active" ariaCurrentWhenActive="page">Members</a>
      <a routerLink="keys" routerLinkActive="active" ariaCurrentWhenActive="page">Ingest keys</a>
      <a routerLink="settings" routerLinkActive="active" ariaCurrentWhenActive="page">Settings</a>
      <a routerLink="notifications" routerLinkActive="active" ariaCurrentWhenActive="page">Notifications</a>
      <a routerLink="audit" routerLinkActive="active" ariaCurrentWhenActive="page">Audit log</a>
    </nav>
    <router-outlet />
  `,
  styles: `
    :host { display: grid; gap: 16px; }
    h1 { font: var(--mat-sys-headline-small); margin: 0; }
    nav { display: flex; gap: 4px; }
    nav a { padding: 8px 12px; border-radius: 20px; color: var(--mat-sys-on-surface-variant); text-decoration: none; font: var(--mat-sys-label-large); }
    nav a.active { background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminConsole {}
