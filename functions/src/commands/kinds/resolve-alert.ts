import { ownValue } from '@pulseboard/contracts';
import { NOTHING_WANTED, reject, serverKind } from './server-kind';
import { applyAlertUpdate, type AlertUpdate } from './alert-update';

export const resolveAlert = serverKind<'resolve-alert', AlertUpdate>({
  wants: (payload) => ({ ...NOTHING_WANTED, alert: payload.alertId, alertHost: true }),
  decide({ alertId }, { alert, alertHost, now }) {
    if (alert === null) return reject(`Alert ${alertId} does not exist.`);
    if (alert.state === 'resolved') return reject('This alert is already resolved.');
    // A newer alert may already hold the pointer; it must stay.
    const pointsHere = ownValue(alertHost?.activeAlerts, alert.metric) === alertId;
    return {
      status: 'applied',
      previous: alert.state,
      change: {
        alertId,
        patch: { state: 'resolved', resolvedAt: now, updatedAt: now },
        clearActiveAlertOf: pointsHere ? { host: alert.host, metric: alert.metric } : null,
      },
    };
  },
  apply: applyAlertUpdate,
  audit: (payload) => ({ target: payload.alertId, newValue: 'resolved' }),
});
