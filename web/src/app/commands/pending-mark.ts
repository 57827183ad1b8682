import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { CommandsStore } from './commands-store';

/**
 * Marks a value that a command of the operator has changed but the server has not settled yet:
 * "queued, clicked at 10:42:05" while the write waits on this device (offline, also after a
 * reload), "pending" while the function has yet to answer.
 */
@Component({
  selector: 'pb-pending-mark',
  imports: [DatePipe],
  template: `
    <span aria-hidden="true">⟳</span>
    @if (queuedClick(); as clickedAt) {
      queued, clicked at <time [attr.datetime]="clickedAt | date: 'yyyy-MM-ddTHH:mm:ss'">{{ clickedAt | date: 'mediumTime' }}</time>
    } @else {
      pending
    }
  `,
  host: { role: 'status', '[attr.data-sync]': 'sync()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PendingMark {
  private readonly commands = inject(CommandsStore);

  readonly commandId = input.required<string>();

  protected readonly sync = computed(() => (this.commands.isQueued(this.commandId()) ? 'queued' : 'sent'));
  protected readonly queuedClick = computed(() => (this.sync() === 'queued' ? this.commands.clickedAt(this.commandId()) : null));
}
