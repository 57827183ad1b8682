import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { CommandsStore } from './commands-store';

/**
 * Says why the latest change was taken back, in a live region screen readers announce, and when the
 * answers to the operator's changes cannot arrive (their listener failed).
 */
@Component({
  selector: 'pb-command-notices',
  template: `
    <div class="live" aria-live="polite" data-testid="command-notice">
      @if (commands.latestNotice(); as notice) {
        <p class="notice">
          {{ notice.message }}
          <button type="button" (click)="commands.dismissNotice(notice.commandId)">Dismiss</button>
        </p>
      }
      @if (commands.listenerError(); as error) {
        <p class="notice" role="alert" data-testid="commands-error">The answers to your changes cannot be followed: {{ error }}</p>
      }
      @if (commands.hasQueuedWrites()) {
        <p class="queued">Offline: your changes are queued and will be sent when the connection returns.</p>
      }
    </div>
  `,
  styles: `
    .notice { color: var(--mat-sys-error, #b3261e); margin: 0.25rem 0; }
    .queued { margin: 0.25rem 0; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommandNotices {
  protected readonly commands = inject(CommandsStore);
}
