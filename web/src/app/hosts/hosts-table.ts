import { ScrollingModule } from '@angular/cdk/scrolling';
import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { CommandNotices } from '../commands/command-notices';
import { SessionStore } from '../session/session-store';
import { HOST_STATUSES, type HostRow, type HostStatus, type SortKey } from './host-rows';
import { HostStatusBadge } from './host-status-badge';
import { HostsQuery } from './hosts-query';
import { HostsStore } from './hosts-store';
import { formatLastSeen } from './last-seen';
import { ThresholdEditor } from './threshold-editor';

/** Fixed row height: what lets the virtual scroll viewport place 1,000+ rows without measuring. */
export const HOST_ROW_HEIGHT_PX = 56;

/** The sortable columns, in the order the row template lays out its cells. */
const COLUMNS: readonly { key: SortKey; label: string }[] = [
  { key: 'status', label: 'Status' },
  { key: 'host', label: 'Host' },
  { key: 'cpu', label: 'CPU %' },
  { key: 'requests', label: 'Requests' },
  { key: 'activeUsers', label: 'Active users' },
  { key: 'errors', label: 'Errors/min' },
  { key: 'lastSeen', label: 'Last seen' },
];

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
  protected readonly view = inject(HostsQuery);
  private readonly session = inject(SessionStore);

  protected readonly rowHeight = HOST_ROW_HEIGHT_PX;
  protected readonly statuses = HOST_STATUSES;
  protected readonly columns = COLUMNS;
  protected readonly canEdit = this.session.canOperate;
  protected readonly cpuDefault = computed(() => this.hosts.effectiveSettings().thresholds['cpu'] ?? null);
  protected readonly errorsDefault = computed(() => this.hosts.effectiveSettings().thresholds['errors'] ?? null);

  protected readonly trackHost = (_index: number, row: HostRow): string => row.host;

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
