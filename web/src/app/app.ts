import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { UpdateOffer } from './offline/update-offer';
import { ThemeStore } from './theme/theme-store';

@Component({
  selector: 'pb-root',
  imports: [RouterOutlet, UpdateOffer],
  template: '<pb-update-offer /><router-outlet />',
  styles: ':host { display: block; min-height: 100%; }',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  /** Injected at the root so the theme applies on every page, the sign-in page included. */
  protected readonly theme = inject(ThemeStore);
}
