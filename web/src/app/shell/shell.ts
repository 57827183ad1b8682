import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AlertBanner } from '../alerts/alert-banner';
import { ConnectionBadge } from '../connection/connection-badge';
import { DeviceData } from '../offline/device-data';
import { SessionStore } from '../session/session-store';
import { TenantName } from '../session/tenant-name';
import { TenantSwitcher } from '../session/tenant-switcher';
import { ThemeStore } from '../theme/theme-store';
import { CreateWorkspace } from '../workspaces/create-workspace';

/**
 * The signed-in frame: navigation, tenant, connection, theme, the alert banner and the current
 * view; for a user who belongs to no tenant, the form that creates one instead.
 */
@Component({
  selector: 'pb-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatButton, AlertBanner, ConnectionBadge, TenantSwitcher, TenantName, CreateWorkspace],
  templateUrl: './shell.html',
  styleUrl: './shell.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  protected readonly session = inject(SessionStore);
  protected readonly theme = inject(ThemeStore);
  private readonly device = inject(DeviceData);

  /** Signs out, then forgets what this device kept of the tenants' data before opening the sign-in page. */
  protected async signOut(): Promise<void> {
    await this.session.signOut();
    await this.device.forgetAndOpen('/sign-in');
  }
}
