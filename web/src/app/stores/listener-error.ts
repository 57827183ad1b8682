import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The error policy's words on a page: what stopped updating, and why (a failed listener, from withListeners). */
@Component({
  selector: 'pb-listener-error',
  template: `
    @if (error(); as reason) {
      <p class="listener-error" role="alert" data-testid="listener-error">{{ what() }} cannot be shown live: {{ reason }}</p>
    }
  `,
  styles: `
    .listener-error { color: var(--mat-sys-error, #b3261e); margin: 0.25rem 0; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListenerError {
  /** What the page lists, as the subject of the sentence ("The ingest keys"). */
  readonly what = input.required<string>();
  readonly error = input.required<string | null>();
}
