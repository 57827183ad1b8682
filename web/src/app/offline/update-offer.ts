import { ChangeDetectionStrategy, Component, DOCUMENT, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { SwUpdate } from '@angular/service-worker';
import { filter, map, merge } from 'rxjs';

/**
 * Offers a reload when the service worker has a new deployment ready, or can no longer serve this
 * one (its files were replaced on the server: a lazy chunk this page asks for would fail). The page
 * keeps running the version it started with until the operator chooses to reload.
 */
@Component({
  selector: 'pb-update-offer',
  imports: [MatButton],
  template: `
    @if (reason(); as why) {
      <p class="offer" role="status" data-testid="update-offer">
        {{ why }}
        <button matButton="outlined" type="button" (click)="reloadToUpdate()">Reload to update</button>
      </p>
    }
  `,
  styles: `
    .offer { display: flex; align-items: center; gap: 0.75rem; margin: 0; padding: 0.5rem 1rem; background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UpdateOffer {
  private readonly updates = inject(SwUpdate);
  private readonly document = inject(DOCUMENT);

  protected readonly reason = toSignal(
    merge(
      this.updates.versionUpdates.pipe(
        filter((event) => event.type === 'VERSION_READY'),
        map(() => 'A new version of Pulseboard is available.'),
      ),
      this.updates.unrecoverable.pipe(map(() => 'This version of Pulseboard can no longer load all its parts.')),
    ),
    { initialValue: null },
  );

  protected reloadToUpdate(): void {
    this.document.location.reload();
  }
}
