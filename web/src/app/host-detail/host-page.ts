import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { describeMetric, effectiveLevels, ownValue, type ThresholdLevels } from '@pulseboard/contracts';
import { decimalFormat } from '../charts/decimal-format';
import { MetricChart } from '../charts/metric-chart';
import { CommandNotices } from '../commands/command-notices';
import { CommandsStore } from '../commands/commands-store';
import { overrideOf } from '../hosts/host-rows';
import { HostStatusBadge } from '../hosts/host-status-badge';
import { ThresholdEditor } from '../hosts/threshold-editor';
import { MaintenancePanel } from '../maintenance/maintenance-panel';
import { SessionStore } from '../session/session-store';
import { pageStatus } from '../stores/page-status';
import { TenantSettingsStore } from '../tenant/tenant-settings-store';
import { CHART_RANGES, type ChartRange } from './chart-ranges';
import { CommandHistory } from './command-history';
import { HostChartsStore } from './host-charts-store';
import { HostStore } from './host-store';
import { SilenceControl } from './silence-control';

/** A chart's caption: the metric's label and its unit, when it has one ('CPU %', 'Errors /min'). */
function chartLabel(metric: string): string {
  const { label, unit } = describeMetric(metric);
  return unit === '' ? label : `${label} ${unit}`;
}


/** The page of one host, at hosts/:host. */
@Component({
  selector: 'pb-host-page',
  imports: [RouterLink, MetricChart, ThresholdEditor, HostStatusBadge, SilenceControl, CommandHistory, CommandNotices, MaintenancePanel],
  providers: [HostChartsStore, HostStore],
  templateUrl: './host-page.html',
  styleUrl: './host-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HostPage {
  protected readonly hostCharts = inject(HostChartsStore);
  protected readonly state = inject(HostStore);
  /** The host's status is judged by the tenant's settings: the page says why if either cannot be listened to. */
  protected readonly status = pageStatus(this.state, inject(TenantSettingsStore));
  /** The charts draw the host document's windows (HostStore) and a longer range's chunks (HostChartsStore). */
  protected readonly chartsStatus = pageStatus(this.hostCharts, this.state);
  private readonly commands = inject(CommandsStore);

  /** Bound from the route parameter. */
  readonly host = input.required<string>();

  protected readonly ranges = Object.entries(CHART_RANGES).map(([key, range]) => ({
    key: key as ChartRange,
    label: range.label,
  }));
  protected readonly canEdit = inject(SessionStore).canOperate;
  protected readonly charts = computed(() => {
    const row = this.state.row();
    // Every charted metric, known or not, has levels to draw and to edit: alerts judge any metric name.
    return [...this.hostCharts.series()].map(([metric, series]) => ({
      metric,
      label: chartLabel(metric),
      digits: decimalFormat(metric),
      valueRange: describeMetric(metric).range,
      series,
      thresholds: this.levelsInForce(metric),
      override: row === null ? null : overrideOf(row, metric),
      tenantDefault: ownValue(this.state.effectiveSettings().thresholds, metric) ?? null,
    }));
  });

  constructor() {
    effect(() => {
      this.hostCharts.showHost(this.host());
      this.state.showHost(this.host());
    });
  }

  /** What the chart draws: a pending change at once, else the host's own or the tenant's levels. */
  private levelsInForce(metric: string): ThresholdLevels | null {
    const row = this.state.row();
    const server = row === null ? null : overrideOf(row, metric);
    const shown = this.commands.thresholdOf(this.host(), metric, server).value;
    return effectiveLevels(shown, this.state.effectiveSettings(), metric);
  }
}
