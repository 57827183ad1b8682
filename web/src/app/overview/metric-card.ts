import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { WellKnownMetric } from '@pulseboard/contracts';
import type { FleetCard } from './fleet-store';
import { spanLabel } from './span-label';
import { sparklinePath } from './sparkline-path';

const LABELS: Record<WellKnownMetric, { title: string; unit: string; digits: string }> = {
  active_users: { title: 'Active users', unit: '', digits: '1.0-0' },
  requests: { title: 'Requests', unit: '/s', digits: '1.0-1' },
  cpu: { title: 'CPU', unit: '%', digits: '1.1-1' },
};

const SPARK_WIDTH = 120;
const SPARK_HEIGHT = 32;

@Component({
  selector: 'pb-metric-card',
  imports: [DecimalPipe],
  template: `
    <h2>{{ label().title }}</h2>
    <p class="figure">
      <span class="numeric" data-testid="metric-value">{{ card().value === null ? '—' : (card().value | number: label().digits) }}</span>
      <span class="unit">{{ label().unit }}</span>
    </p>
    <svg [attr.viewBox]="viewBox" preserveAspectRatio="none" aria-hidden="true">
      <path [attr.d]="path()" />
    </svg>
    @if (path()) {
      <p class="span" data-testid="sparkline-span">{{ span() }}</p>
    }
  `,
  styles: `
    :host {
      display: grid; gap: 4px; padding: 16px; border-radius: 16px;
      background: var(--mat-sys-surface-container); color: var(--mat-sys-on-surface);
    }
    h2 { margin: 0; font: var(--mat-sys-title-small); color: var(--mat-sys-on-surface-variant); }
    .figure { margin: 0; font: var(--mat-sys-display-small); }
    .unit { font: var(--mat-sys-title-medium); margin-left: 2px; }
    svg { width: 100%; height: 32px; }
    .span { margin: 0; font: var(--mat-sys-label-small); color: var(--mat-sys-on-surface-variant); }
    path { fill: none; stroke: var(--mat-sys-primary); stroke-width: 2; vector-effect: non-scaling-stroke; }
  `,
  host: { '[attr.data-testid]': '"metric-card-" + card().metric' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MetricCard {
  readonly card = input.required<FleetCard>();
  protected readonly label = computed(() => LABELS[this.card().metric]);
  protected readonly path = computed(() => sparklinePath(this.card().history, SPARK_WIDTH, SPARK_HEIGHT));
  protected readonly span = computed(() => spanLabel(this.card().historySpanMs));
  protected readonly viewBox = `0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`;
}
