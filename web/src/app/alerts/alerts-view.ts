import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { ALERT_STATES, type AlertDoc } from '@pulseboard/contracts';
import { CommandNotices } from '../commands/command-notices';
import { CommandsStore } from '../commands/commands-store';
import { PendingMark } from '../commands/pending-mark';
import { MaintenancePanel } from '../maintenance/maintenance-panel';
import { SessionStore } from '../session/session-store';
import type { Alert } from './alerts-gateway';
import { AlertsStore } from './alerts-store';

const TITLES: Record<AlertDoc['state'], string> = { open: 'Open', acknowledged: 'Acknowledged', resolved: 'Resolved' };

/** An alert as the operator sees it: in the state their pending command moves it to. */
interface ShownAlert {
  readonly alert: Alert;
  readonly state: AlertDoc['state'];
  /** The operator's command whose state is showing; null when the server's is. */
  readonly pendingId: string | null;
}

@Component({
  selector: 'pb-alerts-view',
  imports: [DatePipe, CommandNotices, PendingMark, MaintenancePanel],
  templateUrl: './alerts-view.html',
  styleUrl: './alerts-view.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlertsView {
  protected readonly alerts = inject(AlertsStore);
  protected readonly session = inject(SessionStore);
  protected readonly commands = inject(CommandsStore);
  /**
   * A notification's link (`/alerts?tenant=…&alert=…`, render-notification.ts' alertLink), bound
   * from the query by the router: the tenant to show, if the user is a member, and the alert to mark.
   */
  readonly tenant = input<string>();
  readonly alert = input<string>();

  constructor() {
    effect(() => {
      const linked = this.tenant();
      // Re-run when the memberships arrive: before sign-in completes there is nothing to select.
      if (linked !== undefined && this.session.tenantIds().includes(linked)) untracked(() => this.session.selectTenant(linked));
    });
  }

  protected readonly groups = computed(() => {
    const shown: ShownAlert[] = this.alerts.alerts().map((alert) => {
      const overlaid = this.commands.alertStateOf(alert.id, alert.state);
      return { alert, state: overlaid.value, pendingId: overlaid.pendingId };
    });
    return ALERT_STATES.map((state) => ({
      state,
      title: TITLES[state],
      items: shown.filter((item) => item.state === state),
    }));
  });

  protected acknowledge(alertId: string): void {
    void this.commands.ackAlert(alertId);
  }

  protected resolve(alertId: string): void {
    void this.commands.resolveAlert(alertId);
  }
}
