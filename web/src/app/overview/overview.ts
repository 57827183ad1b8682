import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { HOST_STATUSES } from '../hosts/host-rows';
import { FleetStore } from './fleet-store';
import { MetricCard } from './metric-card';

@Component({
  selector: 'pb-overview',
  imports: [DecimalPipe, MetricCard],
  templateUrl: './overview.html',
  styleUrl: './overview.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Overview {
  protected readonly fleet = inject(FleetStore);
  protected readonly statuses = HOST_STATUSES;
}
