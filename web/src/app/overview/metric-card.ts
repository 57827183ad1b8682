import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { describeMetric } from '@pulseboard/contracts';
import { decimalFormat } from '../charts/decimal-format';
import type { FleetCard } from './fleet-store';
import { spanLabel } from './span-label';
import { sparklinePath } from './sparkline-path';

const SPARK_WIDTH = 120;
const SPARK_HEIGHT = 32;

@Component({
  selector: 'pb-metric-card',
  imports: [DecimalPipe],
  template: `
    <h2>{{ description().label }}</h2>
    <p class="figure">
      <span class="numeric" data-testid="metric-value">{{ card().value === null ? '—' : (card().value | number: digits()) }}</span>
      <span class="unit">{{ description().unit }}</span>
      @if (card().level; as level) {
        <span class="level" data-testid="metric-level">{{ level }}</span>
      }
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
    .level { margin-left: 8px; font: var(--mat-sys-label-large); text-transform: uppercase; }
    :host(.warning) { box-shadow: inset 6px 0 0 var(--pb-warning); }
    :host(.critical) { box-shadow: inset 6px 0 0 var(--pb-critical); }
    :host(.warning) .level, :host(.warning) path { color: var(--pb-warning); stroke: var(--pb-warning); }
    :host(.critical) .level, :host(.critical) path { color: var(--pb-critical); stroke: var(--pb-critical); }
  `,
  host: {
    '[attr.data-testid]': '"metric-card-" + card().metric',
    '[class.warning]': 'card().level === "warning"',
    '[class.critical]': 'card().level === "critical"',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MetricCard {
  readonly card = input.required<FleetCard>();
  protected readonly description = computed(() => describeMetric(this.card().metric));
  protected readonly digits = computed(() => decimalFormat(this.card().metric));
  protected readonly path = computed(() => sparklinePath(this.card().history, SPARK_WIDTH, SPARK_HEIGHT));
  protected readonly span = computed(() => spanLabel(this.card().historySpanMs));
  protected readonly viewBox = `0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`;
}
