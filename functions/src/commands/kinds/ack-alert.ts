import { NOTHING_WANTED, reject, serverKind } from './server-kind';
import { applyAlertUpdate, type AlertUpdate } from './alert-update';

export const ackAlert = serverKind<'ack-alert', AlertUpdate>({
  wants: (payload) => ({ ...NOTHING_WANTED, alert: payload.alertId }),
  decide({ alertId }, { alert, requestedBy, now }) {
    if (alert === null) return reject(`Alert ${alertId} does not exist.`);
    if (alert.state !== 'open') return reject(`Only an open alert can be acknowledged; this one is ${alert.state}.`);
    return {
      status: 'applied',
      previous: alert.state,
      change: {
        alertId,
        patch: { state: 'acknowledged', acknowledgedAt: now, acknowledgedBy: requestedBy, updatedAt: now },
        clearActiveAlertOf: null,
      },
    };
  },
  apply: applyAlertUpdate,
  audit: (payload) => ({ target: payload.alertId, newValue: 'acknowledged' }),
});
