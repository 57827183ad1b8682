/** Largest unit first: an age is said in the largest unit it reaches. */
const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/**
 * How old the data on screen is, in words ("5 minutes ago", "yesterday"), from the moment it was
 * last known to be live. A clock that runs behind that moment says "now" rather than the future.
 */
export function describeDataAge(liveAt: number, now: number, format: Intl.RelativeTimeFormat): string {
  const age = Math.max(0, now - liveAt);
  for (const [unit, size] of UNITS) {
    if (age >= size) return format.format(-Math.floor(age / size), unit);
  }
  return format.format(0, 'second');
}
