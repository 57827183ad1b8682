import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { map, timer } from 'rxjs';
import { ConnectionStore } from './connection-store';
import { describeDataAge } from './data-age';

/** How often the shown age of offline data is brought up to date. */
const AGE_REFRESH_MS = 15_000;

/** live / reconnecting / offline; anything but live means the figures shown may be stale. */
@Component({
  selector: 'pb-connection-badge',
  template: `
    <span class="dot" aria-hidden="true"></span>
    <span data-testid="connection-status">{{ connection.status() }}</span>
    @if (dataAge(); as age) {
      <span class="age" data-testid="data-age">· data from {{ age }}</span>
    }
    @if (connection.hasPendingWrites()) {
      <span class="pending">· saving</span>
    }
  `,
  styles: `
    :host { display: inline-flex; align-items: center; gap: 6px; font: var(--mat-sys-label-large); }
    .dot { width: 10px; height: 10px; border-radius: 50%; background: var(--pb-stale); }
    :host(.live) .dot { background: var(--pb-ok); }
    :host(.offline) .dot { background: var(--pb-critical); }
    .pending, .age { color: var(--mat-sys-on-surface-variant); }
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
  private readonly locale = inject(LOCALE_ID);
  /**
   * Made when an age is first shown: making an Intl.RelativeTimeFormat loads ICU's data, 82 ms of
   * the overview's opening on the 2-core VM (bench:ui --profile-opens, docs/BENCHMARKS.md), which a
   * live screen, showing no age, need not pay.
   */
  private ageFormat: Intl.RelativeTimeFormat | null = null;
  private readonly now = toSignal(timer(0, AGE_REFRESH_MS).pipe(map(() => Date.now())), { initialValue: Date.now() });

  /** How old the data on screen is, while it is not live and the last live moment is known. */
  protected readonly dataAge = computed(() => {
    const asOf = this.connection.dataAsOf();
    if (asOf === null) return null;
    this.ageFormat ??= new Intl.RelativeTimeFormat(this.locale, { numeric: 'auto' });
    return describeDataAge(asOf, this.now(), this.ageFormat);
  });
}
