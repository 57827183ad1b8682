import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { ConnectionStore } from '../connection/connection-store';
import { HOST_STATUSES } from '@pulseboard/contracts';
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
  private readonly tenant = inject(TenantSettingsStore);
  /** The cards' levels come from the tenant's settings: the page waits for them too, and says if they fail. */
  protected readonly listenerError = computed(() => this.fleet.listenerError() ?? this.tenant.listenerError());
  /** A failed listener's snapshots will not come: the page says why instead of loading forever. */
  protected readonly loading = computed(() => this.listenerError() === null && (this.fleet.loading() || this.tenant.loading()));
  /** Figures from the local cache (after a reload or offline) are shown at once, but marked. */
  protected readonly stale = computed(() => this.connection.status() !== 'live');
  protected readonly statuses = HOST_STATUSES;
}
