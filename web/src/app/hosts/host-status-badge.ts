import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { HostStatus } from '@pulseboard/contracts';

/** A symbol as well as a colour, so status never rests on colour alone. */
const SYMBOLS: Record<HostStatus, string> = {
  ok: '✓',
  warning: '▲',
  critical: '✖',
  stale: '◷',
  silenced: '◌',
};

@Component({
  selector: 'pb-host-status-badge',
  template: `<span class="badge" [class]="'badge ' + status()" data-testid="host-status"
    ><span aria-hidden="true">{{ symbol() }}</span> {{ status() }}</span
  >`,
  styles: `
    .badge { display: inline-flex; gap: 0.3em; align-items: center; padding: 0.1em 0.5em; border-radius: 1em; font-size: 0.85rem; }
    .ok { background: color-mix(in srgb, #2e7d32 18%, transparent); }
    .warning { background: color-mix(in srgb, #ed8b00 28%, transparent); }
    .critical { background: color-mix(in srgb, #c62828 28%, transparent); font-weight: 600; }
    .stale { background: color-mix(in srgb, #757575 25%, transparent); }
    .silenced { background: color-mix(in srgb, #5c6bc0 22%, transparent); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HostStatusBadge {
  readonly status = input.required<HostStatus>();
  protected readonly symbol = computed(() => SYMBOLS[this.status()]);
}
