import { ScrollingModule } from '@angular/cdk/scrolling';
import { DecimalPipe } from '@angular/common';
import { afterRenderEffect, ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { decimalFormat } from '../charts/decimal-format';
import { CommandNotices } from '../commands/command-notices';
import { ConnectionStore } from '../connection/connection-store';
import { SessionStore } from '../session/session-store';
import { pageStatus } from '../stores/page-status';
import { TenantSettingsStore } from '../tenant/tenant-settings-store';
import { ERROR_RATE_METRIC, describeMetric, orderMetrics } from '@pulseboard/contracts';
import { HostColumns, MAX_HOST_COLUMNS } from './host-columns';
import { HOST_STATUSES, type HostStatus } from '@pulseboard/contracts';
import { metricSortKey, metricValue, overrideOf, type HostRow, type SortKey } from './host-rows';
import { HostStatusBadge } from './host-status-badge';
import { HostsViewStore } from './hosts-view-store';
import { HostsStore } from './hosts-store';
import { formatLastSeen } from './last-seen';
import { ThresholdEditor } from './threshold-editor';

/** Fixed row height: what lets the virtual scroll viewport place 1,000+ rows without measuring. */
export const HOST_ROW_HEIGHT_PX = 56;

/**
 * How far beyond the viewport the virtual scroll keeps rows rendered (px: below this much it renders
 * up to the larger figure), so a scroll shows rows, not blank.
 */
const SCROLL_BUFFER_PX = { min: 400, max: 800 };
/**
 * The first screen of rows renders the rows in view only, and the scroll buffer's after it: the rows
 * a viewer sees first are one task's work and the ones only a scroll shows later tasks', so opening
 * a table of 2,000 hosts is not one long task (docs/BENCHMARKS.md).
 */
const FIRST_SCREEN_BUFFER_PX = { min: 0, max: 0 };
/**
 * How much the scroll buffer grows a frame after the first screen, up to SCROLL_BUFFER_PX's most:
 * about 4 rows, each step rendered in a tick of its own. While the table's code is still cold a row
 * renders in about 3 ms here, and the whole buffer's 15 rows in one tick were a task of 37-50 ms
 * (docs/BENCHMARKS.md).
 */
const BUFFER_GROWTH_PX = 200;

/** A metric column's width, and the row's least width without any: the table's 80 rem with the default three columns. */
const METRIC_COLUMN_REM = 6;
const ROW_MIN_WIDTH_REM = 62;

interface Column {
  readonly key: SortKey;
  /** What data-testid and the cell's class call it. */
  readonly name: string;
  readonly label: string;
  /** The metric a metric column shows; null for the others. */
  readonly metric: string | null;
}

const LEADING_COLUMNS: readonly Column[] = [
  { key: 'status', name: 'status', label: 'Status', metric: null },
  { key: 'host', name: 'host', label: 'Host', metric: null },
];
const TRAILING_COLUMNS: readonly Column[] = [
  { key: metricSortKey(ERROR_RATE_METRIC), name: 'errors', label: 'Errors/min', metric: null },
  { key: 'lastSeen', name: 'lastSeen', label: 'Last seen', metric: null },
];

/**
 * A metric column's header: a host's newest sample, so a counter's is a plain count since its
 * previous sample (no '/s', which only its windows' figures are); a gauge's carries its unit.
 */
function columnLabel(metric: string): string {
  const { label, unit, kind } = describeMetric(metric);
  return kind === 'counter' || unit === '' ? label : `${label} ${unit}`;
}

function metricColumn(metric: string): Column & { readonly metric: string; readonly digits: string } {
  return { key: metricSortKey(metric), name: metric, metric, label: columnLabel(metric), digits: decimalFormat(metric) };
}

@Component({
  selector: 'pb-hosts-table',
  imports: [ScrollingModule, DecimalPipe, RouterLink, ThresholdEditor, HostStatusBadge, CommandNotices],
  templateUrl: './hosts-table.html',
  styleUrl: './hosts-table.css',
  providers: [HostsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HostsTable {
  protected readonly hosts = inject(HostsStore);
  protected readonly view = inject(HostsViewStore);
  /** The rows' statuses come from the tenant's settings: the table waits for them too, and says if they fail. */
  protected readonly status = pageStatus(this.hosts, inject(TenantSettingsStore));
  private readonly session = inject(SessionStore);
  private readonly connection = inject(ConnectionStore);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly pickedColumns = inject(HostColumns);
  /**
   * The rows came from the cache and the connection is not live. A table opened on a live connection
   * shows the cache's rows until the backend answers: that is not a reconnection to announce.
   */
  protected readonly showsCachedRows = computed(() => this.hosts.fromCache() && this.connection.status() !== 'live');

  protected readonly rowHeight = HOST_ROW_HEIGHT_PX;
  protected readonly buffer = signal(FIRST_SCREEN_BUFFER_PX);
  protected readonly statuses = HOST_STATUSES;
  protected readonly canEdit = this.session.canOperate;
  protected readonly cpuDefault = computed(() => this.hosts.effectiveSettings().thresholds['cpu'] ?? null);
  protected readonly errorsDefault = computed(() => this.hosts.effectiveSettings().thresholds[ERROR_RATE_METRIC] ?? null);
  protected readonly maxColumns = MAX_HOST_COLUMNS;
  protected readonly overrideOf = overrideOf;
  protected readonly metricValue = metricValue;

  /** The metric columns the user picked, in the order picked. */
  protected readonly metricColumns = computed(() => this.pickedColumns.picked().map(metricColumn));
  /**
   * The grid tracks of the picked metric columns, as CSS custom properties the stylesheet lays out
   * (an empty list when none is picked, which `repeat(0, ...)` would not allow).
   */
  protected readonly metricTracks = computed(() => {
    const count = this.metricColumns().length;
    return {
      all: count === 0 ? '' : `repeat(${count}, ${METRIC_COLUMN_REM}rem)`,
      first: count === 0 ? '' : '5rem',
      rowMinWidth: `${ROW_MIN_WIDTH_REM + count * METRIC_COLUMN_REM}rem`,
    };
  });
  /** The sortable columns, in the order the row template lays out its cells. */
  protected readonly headerColumns = computed<readonly Column[]>(() => [...LEADING_COLUMNS, ...this.metricColumns(), ...TRAILING_COLUMNS]);
  /**
   * The metrics a column can be picked for: every metric a host of the tenant reports, and those
   * picked already; known ones first. The error rate has its own column.
   */
  protected readonly pickableMetrics = computed(() =>
    orderMetrics([...this.hosts.rows().flatMap((row) => Object.keys(row.values)), ...this.pickedColumns.picked()]).filter(
      (metric) => metric !== ERROR_RATE_METRIC,
    ),
  );

  protected readonly trackHost = (_index: number, row: HostRow): string => row.host;

  constructor() {
    const firstScreen = afterRenderEffect(() => {
      if (this.hosts.visibleRows().length === 0) return;
      firstScreen.destroy();
      this.growBuffer(BUFFER_GROWTH_PX);
    });
  }

  /**
   * In the next animation frame, renders the buffer's rows up to `px` below the view (its least and
   * most alike, so the rows come now), then goes on a step a frame; past SCROLL_BUFFER_PX's most,
   * gives the viewport its scrolling buffer, whose rows are then all in. A step's tick, set off in
   * an animation frame, runs after that frame is painted, in a task of its own.
   */
  private growBuffer(px: number): void {
    requestAnimationFrame(() => {
      if (this.destroyRef.destroyed) return;
      if (px > SCROLL_BUFFER_PX.max) {
        this.buffer.set(SCROLL_BUFFER_PX);
        return;
      }
      this.buffer.set({ min: px, max: px });
      this.growBuffer(px + BUFFER_GROWTH_PX);
    });
  }

  protected ariaSort(key: SortKey): 'ascending' | 'descending' | 'none' {
    const query = this.view.query();
    if (query.sortBy !== key) return 'none';
    return query.direction === 'asc' ? 'ascending' : 'descending';
  }

  protected lastSeen(lastSeen: number): string {
    return formatLastSeen(lastSeen, this.hosts.now());
  }

  protected filterByStatus(value: string): void {
    this.view.filterByStatus(HOST_STATUSES.find((status) => status === value) ?? null);
  }

  protected statusLabel(status: HostStatus): string {
    return `${status} (${this.hosts.statusCounts()[status]})`;
  }
}
