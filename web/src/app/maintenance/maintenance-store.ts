import { computed, ErrorHandler, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { coversHost, isActiveAt, type MaintenanceWindows } from '@pulseboard/contracts';
import { catchError, EMPTY, pipe, switchMap, tap } from 'rxjs';
import { CommandsStore } from '../commands/commands-store';
import type { ShownWindow } from '../commands/kinds/maintenance';
import { SessionStore } from '../session/session-store';
import { MAINTENANCE_GATEWAY } from './maintenance-gateway';

/** How often "active" and "upcoming" are judged again: a window starts or ends within this of its time. */
export const MAINTENANCE_TICK_MS = 10_000;

type MaintenanceState = { server: MaintenanceWindows | undefined; now: number };

const initialState: MaintenanceState = { server: undefined, now: Date.now() };

/** A window as listed: in force now, or still to come. */
export interface ListedWindow extends ShownWindow {
  readonly active: boolean;
}

/** The selected tenant's maintenance windows not yet ended, the operator's pending commands over them. */
export const MaintenanceStore = signalStore(
  { providedIn: 'root' },
  withState(initialState),
  withComputed(({ server, now }, commands = inject(CommandsStore)) => ({
    windows: computed((): ListedWindow[] =>
      commands
        .maintenanceOf(server())
        .filter((window) => window.end > now())
        .map((window) => ({ ...window, active: isActiveAt(window, now()) })),
    ),
  })),
  withMethods((store, gateway = inject(MAINTENANCE_GATEWAY), errors = inject(ErrorHandler)) => ({
    /** The windows that hold this host (its own and the whole tenant's); every window for null. */
    windowsFor(host: string | null): ListedWindow[] {
      return store.windows().filter((window) => host === null || coversHost(window, host));
    },
    /** Judges what is in force again at the current time (the clock does so every MAINTENANCE_TICK_MS). */
    judgeNow(): void {
      patchState(store, { now: Date.now() });
    },
    _followTenant: rxMethod<string | null>(
      pipe(
        tap(() => patchState(store, { server: undefined, now: Date.now() })),
        switchMap((tenantId) =>
          tenantId === null
            ? EMPTY
            : gateway.watchWindows(tenantId).pipe(
                // A denied listener shows no windows; the app's error handler hears of it.
                catchError((error: unknown) => {
                  errors.handleError(error);
                  return EMPTY;
                }),
              ),
        ),
        tap((server) => patchState(store, { server, now: Date.now() })),
      ),
    ),
  })),
  withHooks((store) => {
    const session = inject(SessionStore);
    let clock: ReturnType<typeof setInterval> | undefined;
    return {
      onInit() {
        store._followTenant(session.selectedTenantId);
        clock = setInterval(() => store.judgeNow(), MAINTENANCE_TICK_MS);
      },
      onDestroy: () => clearInterval(clock),
    };
  }),
);
