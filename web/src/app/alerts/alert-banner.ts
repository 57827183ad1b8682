import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AlertsStore } from './alerts-store';

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
}
