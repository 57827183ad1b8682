import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { CommandsStore } from '../commands/commands-store';
import { PendingMark } from '../commands/pending-mark';

const SILENCE_SPAN_MS = 3_600_000;

/** Shows whether a host's alerts are silenced, and lets operators silence it for an hour or lift it. */
@Component({
  selector: 'pb-silence-control',
  imports: [DatePipe, PendingMark],
  template: `
    <p class="silence">
      @if (silencedUntil(); as until) {
        Silenced until {{ until | date: 'short' }}
      } @else {
        Alerts active
      }
      @if (shown().pendingId; as pendingId) {
        <pb-pending-mark data-testid="silence-pending" [commandId]="pendingId" />
      }
      @if (canEdit()) {
        @if (silencedUntil() === null) {
          <button type="button" data-testid="silence-host" (click)="silenceForAnHour()">Silence for 1 h</button>
        } @else {
          <button type="button" data-testid="lift-silence" (click)="liftSilence()">Lift silence</button>
        }
      }
    </p>
  `,
  styles: `.silence { display: flex; gap: 0.5rem; align-items: center; margin: 0; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SilenceControl {
  private readonly commands = inject(CommandsStore);

  readonly host = input.required<string>();
  /** The server's value: epoch ms, or null when the host is not silenced. */
  readonly serverUntil = input.required<number | null>();
  readonly canEdit = input.required<boolean>();
  readonly now = input.required<number>();

  protected readonly shown = computed(() => this.commands.silenceOf(this.host(), this.serverUntil()));
  protected readonly silencedUntil = computed(() => {
    const until = this.shown().value;
    return until !== null && until > this.now() ? until : null;
  });

  protected silenceForAnHour(): void {
    void this.commands.silenceHost(this.host(), Date.now() + SILENCE_SPAN_MS);
  }

  protected liftSilence(): void {
    void this.commands.silenceHost(this.host(), null);
  }
}
