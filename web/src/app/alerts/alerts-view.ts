import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { SessionStore } from '../session/session-store';
import { AlertsStore } from './alerts-store';

@Component({
  selector: 'pb-alerts-view',
  imports: [DatePipe],
  templateUrl: './alerts-view.html',
  styleUrl: './alerts-view.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlertsView {
  protected readonly alerts = inject(AlertsStore);
  protected readonly session = inject(SessionStore);
  protected readonly groups = computed(() => [
    { state: 'open', title: 'Open', items: this.alerts.open() },
    { state: 'acknowledged', title: 'Acknowledged', items: this.alerts.acknowledged() },
    { state: 'resolved', title: 'Resolved', items: this.alerts.resolved() },
  ]);
}
