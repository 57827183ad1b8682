import { Injectable } from '@angular/core';
import { Observable, type MonoTypeOperatorFunction } from 'rxjs';

/**
 * `open`: nothing delivered since the last animation frame. `task`: delivering at once for the rest
 * of the current task (the SDK raises every listener a remote event changed in one task). `closed`:
 * later deliveries wait for the next frame; a frame callback is always pending then.
 */
type GateState = 'open' | 'task' | 'closed';

/**
 * Paces every listener's deliveries to one render per animation frame without holding back the
 * first. Snapshots that find nothing delivered since the last frame are delivered at once, with
 * every other one raised in the same task, so the one change detection they ask for runs right after
 * and is painted in this frame. Any later one waits for the next frame, where the newest of each
 * listener is delivered together, so a widget fed by several listeners still renders once a frame.
 *
 * Why not deliver every snapshot in the next frame, as LiveSnapshots did: a store patched inside an
 * animation frame callback asks Angular's zoneless scheduler for a tick that runs after that frame
 * is painted, so each change was painted a frame after the wait for the frame itself
 * (docs/BENCHMARKS.md, "The host page's ingest -> DOM, and the command's answer, taken apart").
 */
@Injectable({ providedIn: 'root' })
export class FrameGate {
  private state: GateState = 'open';
  /** The newest waiting delivery of each listener. */
  private readonly waiting = new Map<object, () => void>();

  /** Delivers a listener's values through the gate; a value still waiting when it unsubscribes is dropped. */
  coalesce<T>(): MonoTypeOperatorFunction<T> {
    return (source) =>
      new Observable<T>((subscriber) => {
        const listener = {};
        const subscription = source.subscribe({
          next: (value) => this.deliver(listener, () => subscriber.next(value)),
          error: (error: unknown) => subscriber.error(error),
          complete: () => subscriber.complete(),
        });
        return () => {
          this.waiting.delete(listener);
          subscription.unsubscribe();
        };
      });
  }

  private deliver(listener: object, send: () => void): void {
    if (this.state === 'closed') {
      this.waiting.set(listener, send);
      return;
    }
    if (this.state === 'open') {
      this.state = 'task';
      requestAnimationFrame(() => this.nextFrame());
      // Registered before the delivery asks Angular for its tick, so it runs first: the tick's renders
      // are this frame's, and whatever comes after them waits.
      setTimeout(() => {
        if (this.state === 'task') this.state = 'closed';
      });
    }
    send();
  }

  /** Delivers what waited, and stays closed for the renders that asks for; opens when nothing waited. */
  private nextFrame(): void {
    // Only a closed gate has deliveries waiting.
    if (this.waiting.size === 0) {
      this.state = 'open';
      return;
    }
    const sends = [...this.waiting.values()];
    this.waiting.clear();
    requestAnimationFrame(() => this.nextFrame());
    for (const send of sends) send();
  }
}
