import { inject, Injector } from '@angular/core';
import { patchState, signalStoreFeature, withHooks, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { interval, tap } from 'rxjs';
import { FrameGate } from '../firebase/frame-gate';

type ClockState = {
  /** Epoch ms of the last tick: what a store's time-dependent figures (ages, rates, ranges) are computed at. */
  now: number;
};

/**
 * A store's clock: `now` moves every `periodMs` even when no snapshot arrives (a host goes stale, a
 * chart's range slides), and stops with the store. The tick passes the FrameGate, like the
 * listeners' snapshots (LiveSnapshots), so a frame with both renders once.
 */
export function withClock(periodMs: number) {
  return signalStoreFeature(
    withState<ClockState>(() => ({ now: Date.now() })),
    withMethods((store, injector = inject(Injector), frames = inject(FrameGate)) => ({
      /** Sets `now` to this moment (a snapshot arrived, say). */
      _tick(): void {
        patchState(store, { now: Date.now() });
      },
      _runClock(): void {
        rxMethod<number>(tap(() => patchState(store, { now: Date.now() })), { injector })(
          interval(periodMs).pipe(frames.coalesce()),
        );
      },
    })),
    withHooks({ onInit: (store) => store._runClock() }),
  );
}
