import { computed, effect, inject, untracked } from '@angular/core';
import { signalStore, withComputed, withHooks, withMethods } from '@ngrx/signals';
import { coversHost, isActiveAt } from '@pulseboard/contracts';
import { CommandsStore } from '../commands/commands-store';
import type { ShownWindow } from '../commands/kinds/maintenance';
import { withClock } from '../stores/with-clock';
import { TenantSettingsStore } from '../tenant/tenant-settings-store';

/** How often "active" and "upcoming" are judged again: a window starts or ends within this of its time. */
export const MAINTENANCE_TICK_MS = 10_000;

/** A window as listed: in force now, or still to come. */
export interface ListedWindow extends ShownWindow {
  readonly active: boolean;
}

/**
 * The selected tenant's maintenance windows not yet ended, the operator's pending commands over
 * them. The windows are a field of the tenant document, which TenantSettingsStore listens to once
 * for the app: they cost no read of their own.
 */
export const MaintenanceStore = signalStore(
  { providedIn: 'root' },
  withClock(MAINTENANCE_TICK_MS),
  withComputed(({ now }, commands = inject(CommandsStore), { tenant } = inject(TenantSettingsStore)) => ({
    windows: computed((): ListedWindow[] =>
      commands
        .maintenanceOf(tenant()?.maintenance)
        .filter((window) => window.end > now())
        .map((window) => ({ ...window, active: isActiveAt(window, now()) })),
    ),
  })),
  withMethods((store) => ({
    /** The windows that hold this host (its own and the whole tenant's); every window for null. */
    windowsFor(host: string | null): ListedWindow[] {
      return store.windows().filter((window) => host === null || coversHost(window, host));
    },
    /** Judges what is in force again at the current time (the clock does so every MAINTENANCE_TICK_MS). */
    judgeNow(): void {
      store._tick();
    },
  })),
  withHooks({
    // Windows that arrive are judged at their arrival, not at the clock's next tick.
    onInit(store, { tenant } = inject(TenantSettingsStore)) {
      effect(() => {
        tenant();
        untracked(() => store._tick());
      });
    },
  }),
);
