/** Largest unit first: an age is said in the largest unit it has at least one of. */
const UNITS: readonly { unit: Intl.RelativeTimeFormatUnit; seconds: number }[] = [
  { unit: 'day', seconds: 86_400 },
  { unit: 'hour', seconds: 3_600 },
  { unit: 'minute', seconds: 60 },
];

// Narrow ("5s ago", "3m ago") keeps the column short enough for a phone; numeric auto says "now".
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'narrow' });

/**
 * How long ago a host was last seen, rounded down in the largest whole unit ("now", "42s ago",
 * "3m ago", "yesterday"). A clock slightly behind the server's never shows a time in the future.
 */
export function formatLastSeen(lastSeen: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - lastSeen) / 1_000));
  const largest = UNITS.find(({ seconds: size }) => seconds >= size);
  return largest === undefined ? relative.format(-seconds, 'second') : relative.format(-Math.floor(seconds / largest.seconds), largest.unit);
}
