import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { ConnectionStore } from '../connection/connection-store';
import { HOST_STATUSES } from '@pulseboard/contracts';
import { pageStatus } from '../stores/page-status';
import { TenantSettingsStore } from '../tenant/tenant-settings-store';
import { FleetStore } from './fleet-store';
import { MetricCard } from './metric-card';
import { Onboarding } from './onboarding';

@Component({
  selector: 'pb-overview',
  imports: [DecimalPipe, MetricCard, Onboarding],
  templateUrl: './overview.html',
  styleUrl: './overview.css',
  providers: [FleetStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Overview {
  protected readonly fleet = inject(FleetStore);
  private readonly connection = inject(ConnectionStore);
  /** The cards' levels come from the tenant's settings: the page waits for them too, and says if they fail. */
  protected readonly status = pageStatus(this.fleet, inject(TenantSettingsStore));
  /** Figures from the local cache (after a reload or offline) are shown at once, but marked. */
  protected readonly stale = computed(() => this.connection.status() !== 'live');
  protected readonly statuses = HOST_STATUSES;
}
