import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { describeReplaced, describeRequested } from '../commands/kinds';
import { SessionStore } from '../session/session-store';
import { CommandHistoryStore } from './command-history-store';

/**
 * The audit log of one host: its threshold and silence commands, newest first, from the commands
 * collection; the newest page at first, older ones on request.
 */
@Component({
  selector: 'pb-command-history',
  imports: [DatePipe],
  template: `
    <table data-testid="command-history">
      <caption>Command history</caption>
      <thead>
        <tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Old value</th><th scope="col">New value</th><th scope="col">Outcome</th></tr>
      </thead>
      <tbody>
        @for (entry of entries(); track entry.id) {
          <tr>
            <td>{{ entry.requestedAt === null ? 'sending…' : (entry.requestedAt | date: 'medium') }}</td>
            <td>{{ entry.requestedBy === uid() ? 'you' : entry.requestedBy }}</td>
            <td>{{ entry.status === 'applied' ? entry.old : '–' }}</td>
            <td>{{ entry.requested }}</td>
            <td [class]="entry.status">{{ entry.status }}@if (entry.reason) {: {{ entry.reason }}}</td>
          </tr>
        } @empty {
          <tr><td colspan="5">{{ error() === null ? 'No command yet.' : 'The command history could not be read: ' + error() }}</td></tr>
        }
      </tbody>
    </table>
    @if (mayHaveOlder()) {
      <button type="button" data-testid="command-history-older" (click)="showOlder()">Show older commands</button>
    }
  `,
  styles: `
    table { border-collapse: collapse; width: 100%; }
    caption { text-align: left; font-weight: 600; padding: 0.5rem 0; }
    th, td { text-align: left; padding: 0.25rem 0.5rem; border-bottom: 1px solid var(--mat-sys-outline-variant, #ccc); }
    .rejected, .expired { color: var(--mat-sys-error, #b3261e); }
    button { margin-top: 0.5rem; }
  `,
  providers: [CommandHistoryStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommandHistory {
  private readonly history = inject(CommandHistoryStore);
  private readonly session = inject(SessionStore);
  protected readonly uid = computed(() => this.session.user()?.uid ?? null);
  protected readonly error = this.history.listenerError;
  protected readonly mayHaveOlder = this.history.mayHaveOlder;

  readonly host = input.required<string>();

  protected readonly entries = computed(() =>
    this.history.records().map((record) => ({
      id: record.id,
      requestedAt: record.requestedAt,
      requestedBy: record.requestedBy,
      status: record.status,
      reason: record.reason,
      old: describeReplaced(record.payload, record.previous),
      requested: describeRequested(record.payload),
    })),
  );

  constructor() {
    this.history.follow(computed(() => ({ tenantId: this.session.selectedTenantId(), host: this.host() })));
  }

  protected showOlder(): void {
    this.history.showOlder();
  }
}
