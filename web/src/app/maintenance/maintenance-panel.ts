import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MAINTENANCE_LIMITS } from '@pulseboard/contracts';
import { CommandsStore } from '../commands/commands-store';
import { PendingMark } from '../commands/pending-mark';
import { MaintenanceStore } from './maintenance-store';

const MINUTE = 60_000;

/** The lengths an operator picks from; all within MAINTENANCE_LIMITS.durationMs. */
export const MAINTENANCE_DURATIONS = [
  { label: '30 min', ms: 30 * MINUTE },
  { label: '1 h', ms: 60 * MINUTE },
  { label: '2 h', ms: 120 * MINUTE },
  { label: '4 h', ms: 240 * MINUTE },
  { label: '8 h', ms: 480 * MINUTE },
  { label: '24 h', ms: 1_440 * MINUTE },
] as const;

/**
 * Maintenance windows: a banner while one is in force, the list of those in force or to come,
 * and for operators a form to schedule one and a button to cancel each. On a host's page (`host`
 * set) it shows the host's windows and the whole tenant's and schedules for the host; on the
 * alerts page (`host` null) every window, and schedules for the whole tenant.
 */
@Component({
  selector: 'pb-maintenance-panel',
  imports: [DatePipe, PendingMark],
  templateUrl: './maintenance-panel.html',
  styleUrl: './maintenance-panel.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MaintenancePanel {
  private readonly maintenance = inject(MaintenanceStore);
  private readonly commands = inject(CommandsStore);

  /** null: the whole tenant. */
  readonly host = input.required<string | null>();
  readonly canEdit = input.required<boolean>();

  protected readonly durations = MAINTENANCE_DURATIONS;
  protected readonly noteLength = MAINTENANCE_LIMITS.noteLength;
  protected readonly windows = computed(() => this.maintenance.windowsFor(this.host()));
  protected readonly active = computed(() => this.windows().filter((window) => window.active));
  /** The end of the last window in force: when the banner's "until" is. */
  protected readonly activeUntil = computed(() => Math.max(...this.active().map((window) => window.end)));

  /** Schedules a window from the form: blank start means now. */
  protected schedule(startText: string, durationMs: string, note: string): void {
    const start = startText === '' ? Date.now() : new Date(startText).getTime();
    if (Number.isNaN(start)) return;
    void this.commands.scheduleMaintenance({
      windowId: `mw-${crypto.randomUUID()}`,
      host: this.host(),
      start,
      end: start + Number(durationMs),
      note: note.trim(),
    });
    // A window from now is in force at once, not at the clock's next tick.
    this.maintenance.judgeNow();
  }

  protected cancel(windowId: string): void {
    void this.commands.cancelMaintenance(windowId);
  }
}
