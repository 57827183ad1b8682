import { paths, TENANT_SETTINGS_LIMITS, type TenantSettings } from '@pulseboard/contracts';
import { db } from '../../shared/admin';
import { levelsProblem } from './levels';
import { NOTHING_WANTED, reject, serverKind } from './server-kind';

const { thresholds: THRESHOLDS_MAX, nameLength, sustainSeconds: sustainRange, staleAfterSeconds: staleRange } = TENANT_SETTINGS_LIMITS;

const within = (value: number, range: { min: number; max: number }): boolean => value >= range.min && value <= range.max;

/** Why these settings cannot be the tenant's, or null when they can. */
export function settingsProblem(settings: TenantSettings): string | null {
  const name = settings.name.trim();
  if (!within(name.length, nameLength)) return `The name must be ${nameLength.min} to ${nameLength.max} characters long.`;
  const thresholds = Object.entries(settings.thresholds);
  // Counted before any entry is judged: the work is bounded whatever the payload holds.
  if (thresholds.length > THRESHOLDS_MAX) {
    return `At most ${THRESHOLDS_MAX} metrics can have default thresholds; these settings have ${thresholds.length}.`;
  }
  for (const [metric, levels] of thresholds) {
    const problem = levelsProblem(metric, levels);
    if (problem !== null) return `${metric}: ${problem}`;
  }
  if (!within(settings.sustainSeconds, sustainRange)) {
    return `Sustain seconds must be between ${sustainRange.min} and ${sustainRange.max}.`;
  }
  if (!within(settings.staleAfterSeconds, staleRange)) {
    return `Stale-after seconds must be between ${staleRange.min} and ${staleRange.max}.`;
  }
  return null;
}

export const setTenantSettings = serverKind<'set-tenant-settings', TenantSettings>({
  wants: () => ({ ...NOTHING_WANTED, tenant: true }),
  decide({ settings }, { tenant }) {
    if (tenant === null) return reject('The tenant document does not exist.');
    const problem = settingsProblem(settings);
    if (problem !== null) return reject(problem);
    return { status: 'applied', previous: tenant, change: { ...settings, name: settings.name.trim() } };
  },
  apply(tx, tenantId, settings) {
    // Every field replaced whole: a metric left out of `thresholds` loses its default.
    tx.update(db.doc(paths.tenant(tenantId)), settings);
  },
  audit: (payload) => ({ target: 'settings', newValue: payload.settings }),
});
