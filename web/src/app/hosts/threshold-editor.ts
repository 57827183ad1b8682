import { ChangeDetectionStrategy, ChangeDetectorRef, Component, computed, inject, input, output, signal } from '@angular/core';
import type { ThresholdLevels } from '@pulseboard/contracts';
import { CommandsStore } from '../commands/commands-store';
import { PendingMark } from '../commands/pending-mark';

/**
 * One metric's levels on one host: shows the value in force (a pending change at once), and
 * lets operators change it. Ordering and ranges are checked by the function, the single
 * authority on what is valid; its reason shows here when it rejects a change.
 */
@Component({
  selector: 'pb-threshold-editor',
  imports: [PendingMark],
  templateUrl: './threshold-editor.html',
  styleUrl: './threshold-editor.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ThresholdEditor {
  private readonly commands = inject(CommandsStore);
  private readonly view = inject(ChangeDetectorRef);

  readonly host = input.required<string>();
  readonly metric = input.required<string>();
  /** The host's own levels on the server; null when it follows the tenant default. */
  readonly override = input.required<ThresholdLevels | null>();
  readonly tenantDefault = input.required<ThresholdLevels | null>();
  readonly canEdit = input.required<boolean>();
  /** The operator opened the editor: a view that does not hold the host document listens to it now. */
  readonly editStarted = output<void>();

  protected readonly editing = signal(false);
  protected readonly warning = signal('');
  protected readonly critical = signal('');

  protected readonly shown = computed(() => this.commands.thresholdOf(this.host(), this.metric(), this.override()));
  protected readonly levels = computed(() => this.shown().value ?? this.tenantDefault());
  protected readonly followsDefault = computed(() => this.shown().value === null);
  protected readonly pending = computed(() => this.shown().pendingId !== null);
  protected readonly notice = computed(() => this.commands.thresholdNotice(this.host(), this.metric()));
  protected readonly draft = computed<ThresholdLevels | null>(() => {
    const warning = Number.parseFloat(this.warning());
    const critical = Number.parseFloat(this.critical());
    return Number.isFinite(warning) && Number.isFinite(critical) ? { warning, critical } : null;
  });

  protected startEditing(): void {
    const levels = this.levels();
    this.warning.set(levels ? String(levels.warning) : '');
    this.critical.set(levels ? String(levels.critical) : '');
    this.editing.set(true);
    this.editStarted.emit();
  }

  protected saveThreshold(): void {
    const draft = this.draft();
    if (draft) this.submit(draft);
  }

  protected restoreDefault(): void {
    this.submit(null);
  }

  protected cancelEditing(): void {
    this.editing.set(false);
  }

  protected dismissNotice(commandId: string): void {
    this.commands.dismissNotice(commandId);
  }

  private submit(levels: ThresholdLevels | null): void {
    const previous = this.notice();
    if (previous) this.commands.dismissNotice(previous.commandId);
    this.editing.set(false);
    void this.commands.submitThreshold(this.host(), this.metric(), levels);
    // The store took the change synchronously: render this editor now, inside the click, instead of
    // waiting for the scheduler's next turn, which a busy main thread (snapshots, the SDK's
    // IndexedDB work) can push past the frame the operator expects to see the new value in.
    this.view.detectChanges();
  }
}
