/** How much time a sparkline covers, as a person reads it: "last 5 min", "last 1 min 10 s", "last 40 s". */
export function spanLabel(spanMs: number): string {
  const totalSeconds = Math.round(spanMs / 1_000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  const parts = [minutes > 0 ? `${minutes} min` : '', seconds > 0 || minutes === 0 ? `${seconds} s` : ''];
  return `last ${parts.filter(Boolean).join(' ')}`;
}
