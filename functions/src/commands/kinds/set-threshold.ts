import { FieldValue } from 'firebase-admin/firestore';
import { HOST_THRESHOLDS_MAX, ownValue, paths, type ThresholdLevels } from '@pulseboard/contracts';
import { db } from '../../shared/admin';
import { levelsProblem } from './levels';
import { NOTHING_WANTED, reject, serverKind } from './server-kind';

export interface SetHostThreshold {
  host: string;
  metric: string;
  /** null removes the override: the host follows the tenant default again. */
  levels: ThresholdLevels | null;
}

export const setThreshold = serverKind<'set-threshold', SetHostThreshold>({
  wants: (payload) => ({ ...NOTHING_WANTED, host: payload.host }),
  decide({ host: hostId, metric, levels }, { host }) {
    if (host === null) return reject(`Host ${hostId} does not exist.`);
    const problem = levels === null ? null : levelsProblem(metric, levels);
    if (problem !== null) return reject(problem);
    const previous = ownValue(host.thresholds, metric) ?? null;
    if (levels !== null && previous === null && Object.keys(host.thresholds).length >= HOST_THRESHOLDS_MAX) {
      return reject(
        `Host ${hostId} already overrides the thresholds of ${HOST_THRESHOLDS_MAX} metrics, the most it keeps; restore one to the tenant default first.`,
      );
    }
    return { status: 'applied', previous, change: { host: hostId, metric, levels } };
  },
  apply(tx, tenantId, { host, metric, levels }) {
    // A merge of a nested map, not a dotted string (metric names may contain dots) nor an update
    // by FieldPath: the Admin SDK's update looks each path segment up on a plain object, so a
    // metric named `constructor` or `toString` fails its assertion there.
    tx.set(db.doc(paths.host(tenantId, host)), { thresholds: { [metric]: levels ?? FieldValue.delete() } }, { merge: true });
  },
  audit: (payload) => ({ target: `${payload.host}/${payload.metric}`, newValue: payload.levels }),
});
