import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { CommandsStore } from '../commands/commands-store';
import { SessionStore } from '../session/session-store';
import { AlertsStore } from './alerts-store';
import { DismissedAlertsStore } from './dismissed-alerts-store';

/** The newest open critical alert, announced by screen readers as it appears. */
@Component({
  selector: 'pb-alert-banner',
  imports: [RouterLink],
  template: `
    @if (alerts.newestCritical(); as alert) {
      <div class="banner" data-testid="alert-banner">
        <strong>Critical:</strong>
        {{ alert.metric }} on {{ alert.host }} at {{ alert.lastValue }} (threshold {{ alert.threshold }})
        <a routerLink="/alerts">See alerts</a>
        @if (session.canOperate()) {
          <button type="button" (click)="acknowledge(alert.id)">Acknowledge</button>
        }
        <button type="button" (click)="dismiss(alert.id)">Dismiss</button>
      </div>
    }
  `,
  styles: `
    .banner {
      display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; padding: 12px 16px; border-radius: 12px;
      background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container);
    }
    a { color: inherit; margin-left: auto; }
  `,
  host: { 'aria-live': 'assertive', 'aria-atomic': 'true' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlertBanner {
  protected readonly alerts = inject(AlertsStore);
  protected readonly session = inject(SessionStore);
  private readonly commands = inject(CommandsStore);
  private readonly dismissed = inject(DismissedAlertsStore);

  protected acknowledge(alertId: string): void {
    void this.commands.ackAlert(alertId);
  }

  /** Hides this alert from this user's banner in this browser; the alerts page still lists it. */
  protected dismiss(alertId: string): void {
    this.dismissed.dismiss(alertId);
  }
}
