import { FieldValue, type Transaction } from 'firebase-admin/firestore';
import { paths, type AlertDoc } from '@pulseboard/contracts';
import { db } from '../../shared/admin';

/** What acknowledging or resolving writes: the alert's new state, and maybe its host's pointer. */
export interface AlertUpdate {
  alertId: string;
  patch: Partial<Pick<AlertDoc, 'state' | 'acknowledgedAt' | 'acknowledgedBy' | 'resolvedAt' | 'updatedAt'>>;
  /** The host's open-alert pointer to clear: resolving this alert, and it still points here. */
  clearActiveAlertOf: { host: string; metric: string } | null;
}

export function applyAlertUpdate(tx: Transaction, tenantId: string, { alertId, patch, clearActiveAlertOf }: AlertUpdate): void {
  tx.update(db.doc(paths.alert(tenantId, alertId)), patch);
  if (clearActiveAlertOf !== null) {
    const { host, metric } = clearActiveAlertOf;
    tx.set(db.doc(paths.host(tenantId, host)), { activeAlerts: { [metric]: FieldValue.delete() } }, { merge: true });
  }
}
