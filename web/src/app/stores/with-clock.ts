import { inject, Injector } from '@angular/core';
import { patchState, signalStoreFeature, withHooks, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { animationFrameScheduler, interval, observeOn, tap } from 'rxjs';

type ClockState = {
  /** Epoch ms of the last tick: what a store's time-dependent figures (ages, rates, ranges) are computed at. */
  now: number;
};

/**
 * A store's clock: `now` moves every `periodMs` even when no snapshot arrives (a host goes stale, a
 * chart's range slides), and stops with the store. The tick lands in an animation frame, like the
 * listeners' snapshots (LiveSnapshots), so a frame with both renders once.
 */
export function withClock(periodMs: number) {
  return signalStoreFeature(
    withState<ClockState>(() => ({ now: Date.now() })),
    withMethods((store, injector = inject(Injector)) => ({
      /** Sets `now` to this moment (a snapshot arrived, say). */
      _tick(): void {
        patchState(store, { now: Date.now() });
      },
      _runClock(): void {
        rxMethod<number>(tap(() => patchState(store, { now: Date.now() })), { injector })(
          interval(periodMs).pipe(observeOn(animationFrameScheduler)),
        );
      },
    })),
    withHooks({ onInit: (store) => store._runClock() }),
  );
}
