/**
 * Progress of long work (simulate, the benches): one line on stderr every few seconds with the
 * time elapsed, what was sent and accepted so far and the rate over the last interval, so a run
 * that stalls shows it at once. stderr, because a bench's last stdout line is its JSON result.
 */

export interface ProgressCounts {
  sent: number;
  accepted: number;
}

export interface ProgressSample extends ProgressCounts {
  /** Milliseconds since the work started. */
  elapsedMs: number;
}

export const PROGRESS_EVERY_MS = 5_000;

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `simulate: 15 s, sent 4,500 events, accepted 4,480, 298/s now`: the rate is accepted per second since `previous`. */
export function progressLine(label: string, unit: string, previous: ProgressSample, current: ProgressSample): string {
  const seconds = (current.elapsedMs - previous.elapsedMs) / 1000;
  const rate = seconds > 0 ? (current.accepted - previous.accepted) / seconds : 0;
  return `${label}: ${whole.format(current.elapsedMs / 1000)} s, sent ${whole.format(current.sent)} ${unit}, accepted ${whole.format(current.accepted)}, ${whole.format(rate)}/s now`;
}

/** Prints a progress line every `everyMs` until the returned stop is called. */
export function reportProgress(label: string, unit: string, read: () => ProgressCounts, everyMs = PROGRESS_EVERY_MS): () => void {
  const startedAt = Date.now();
  let previous: ProgressSample = { sent: 0, accepted: 0, elapsedMs: 0 };
  const timer = setInterval(() => {
    const current = { ...read(), elapsedMs: Date.now() - startedAt };
    process.stderr.write(`${progressLine(label, unit, previous, current)}\n`);
    previous = current;
  }, everyMs);
  // A progress timer alone never keeps a finished run alive.
  timer.unref();
  return () => clearInterval(timer);
}
