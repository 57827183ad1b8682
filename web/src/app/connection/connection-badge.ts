import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ConnectionStore } from './connection-store';

/** live / reconnecting / offline; anything but live means the figures shown may be stale. */
@Component({
  selector: 'pb-connection-badge',
  template: `
    <span class="dot" aria-hidden="true"></span>
    <span data-testid="connection-status">{{ connection.status() }}</span>
    @if (connection.hasPendingWrites()) {
      <span class="pending">· saving</span>
    }
  `,
  styles: `
    :host { display: inline-flex; align-items: center; gap: 6px; font: var(--mat-sys-label-large); }
    .dot { width: 10px; height: 10px; border-radius: 50%; background: var(--pb-stale); }
    :host(.live) .dot { background: var(--pb-ok); }
    :host(.offline) .dot { background: var(--pb-critical); }
    .pending { color: var(--mat-sys-on-surface-variant); }
  `,
  host: {
    role: 'status',
    '[class.live]': 'connection.status() === "live"',
    '[class.offline]': 'connection.status() === "offline"',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConnectionBadge {
  protected readonly connection = inject(ConnectionStore);
}
