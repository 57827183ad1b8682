/** Largest unit first: an age is said in the largest unit it has at least one of. */
const UNITS: readonly { unit: Intl.RelativeTimeFormatUnit; seconds: number }[] = [
  { unit: 'day', seconds: 86_400 },
  { unit: 'hour', seconds: 3_600 },
  { unit: 'minute', seconds: 60 },
];

/**
 * A value made in a task of its own right after the current one, or at its first read if that
 * comes first. For the formatter below: a page's first Intl object loads ICU's data, 29-54 ms here,
 * which made as this module is evaluated joined the table route's activation in one long task
 * (docs/BENCHMARKS.md); the table's rows are formatted only once its data arrive, later.
 */
export function madeInNextTask<T>(make: () => T): () => T {
  let made: { readonly value: T } | null = null;
  const makeOnce = () => (made ??= { value: make() });
  setTimeout(makeOnce);
  return () => makeOnce().value;
}

// Narrow ("5s ago", "3m ago") keeps the column short enough for a phone; numeric auto says "now".
const relative = madeInNextTask(() => new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'narrow' }));

/**
 * How long ago a host was last seen, rounded down in the largest whole unit ("now", "42s ago",
 * "3m ago", "yesterday"). A clock slightly behind the server's never shows a time in the future.
 */
export function formatLastSeen(lastSeen: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - lastSeen) / 1_000));
  const largest = UNITS.find(({ seconds: size }) => seconds >= size);
  return largest === undefined
    ? relative().format(-seconds, 'second')
    : relative().format(-Math.floor(seconds / largest.seconds), largest.unit);
}
