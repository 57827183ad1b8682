import { KNOWN_METRIC_NAMES, ownValue, type TenantSettings } from '@pulseboard/contracts';

/** The metrics every tenant's settings list, in the registry's order, before those it reports. */
export const LISTED_FIRST: readonly string[] = KNOWN_METRIC_NAMES;

/**
 * How many reported metrics without a default the page lists (a fleet window keeps up to 1,000
 * names): the settings hold at most 100 defaults, and a table of a thousand inputs helps nobody.
 */
export const REPORTED_METRICS_LISTED = 200;

/** One metric's levels as typed: empty for "no default". */
export interface LevelsDraft {
  readonly warning: string;
  readonly critical: string;
}

/** The settings form as typed, before it is read back into settings. */
export interface SettingsDraft {
  readonly name: string;
  readonly sustainSeconds: string;
  readonly staleAfterSeconds: string;
  /** Every listed metric, in the order shown. */
  readonly levels: ReadonlyArray<readonly [metric: string, levels: LevelsDraft]>;
}

/**
 * The metrics the page lists: the well-known ones and the error rate first, then every other one
 * with a default or reported by a host, by name (those with a default always, the rest up to
 * REPORTED_METRICS_LISTED).
 */
export function listedMetrics(withDefaults: Iterable<string>, reported: Iterable<string>): string[] {
  const first = new Set(LISTED_FIRST);
  const defaults = [...new Set(withDefaults)].filter((metric) => !first.has(metric));
  const known = new Set([...first, ...defaults]);
  const others = [...new Set(reported)].filter((metric) => !known.has(metric)).sort().slice(0, REPORTED_METRICS_LISTED);
  return [...LISTED_FIRST, ...[...defaults, ...others].sort()];
}

const typed = (value: number | undefined): string => (value === undefined ? '' : String(value));

export function draftOf(settings: TenantSettings, metrics: readonly string[]): SettingsDraft {
  return {
    name: settings.name,
    sustainSeconds: String(settings.sustainSeconds),
    staleAfterSeconds: String(settings.staleAfterSeconds),
    levels: metrics.map((metric) => {
      const levels = ownValue(settings.thresholds, metric);
      return [metric, { warning: typed(levels?.warning), critical: typed(levels?.critical) }] as const;
    }),
  };
}

/**
 * The draft listing these metrics, keeping what was typed for those it already lists: a metric
 * that starts reporting while the admin edits adds a row and takes nothing away.
 */
export function withMetrics(draft: SettingsDraft, settings: TenantSettings, metrics: readonly string[]): SettingsDraft {
  const typedRows = new Map(draft.levels);
  const fresh = draftOf(settings, metrics).levels;
  return { ...draft, levels: fresh.map(([metric, levels]) => [metric, typedRows.get(metric) ?? levels] as const) };
}

const wholeSeconds = (typedValue: string): number | null => {
  const value = typedValue.trim() === '' ? Number.NaN : Number(typedValue);
  return Number.isInteger(value) ? value : null;
};

/**
 * The settings the draft asks for, or what keeps it from being sent. Only the form's own mistakes
 * are caught here (a number that is not one, a level without its pair); whether the values make
 * sense is applyCommand's to judge, and its reason is shown if it refuses them.
 */
export function settingsOf(draft: SettingsDraft): { settings: TenantSettings } | { problem: string } {
  const sustainSeconds = wholeSeconds(draft.sustainSeconds);
  if (sustainSeconds === null) return { problem: 'Sustain seconds must be a whole number.' };
  const staleAfterSeconds = wholeSeconds(draft.staleAfterSeconds);
  if (staleAfterSeconds === null) return { problem: 'Stale-after seconds must be a whole number.' };
  const thresholds: Array<readonly [string, { warning: number; critical: number }]> = [];
  for (const [metric, { warning, critical }] of draft.levels) {
    if (warning.trim() === '' && critical.trim() === '') continue;
    const levels = { warning: Number(warning), critical: Number(critical) };
    if (warning.trim() === '' || critical.trim() === '' || !Number.isFinite(levels.warning) || !Number.isFinite(levels.critical)) {
      return { problem: `Give ${metric} both levels as numbers, or neither for no default.` };
    }
    thresholds.push([metric, levels]);
  }
  return { settings: { name: draft.name, thresholds: Object.fromEntries(thresholds), sustainSeconds, staleAfterSeconds } };
}
