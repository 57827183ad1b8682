import { inject, InjectionToken } from '@angular/core';
import { alertDoc, LIST_LIMITS, paths, type AlertDoc } from '@pulseboard/contracts';
import { limit, orderBy, query, where } from 'firebase/firestore';
import type { Observable } from 'rxjs';
import { LiveSnapshots, type Identified, type Live } from '../firebase/live-snapshots';

/**
 * Alerts per listener, as many as the rules allow: the unresolved ones (every one unless a tenant has
 * more than this many open or acknowledged at once; past it the oldest of them drop out) and the
 * newest page of history.
 */
export const ALERTS_LIMIT = LIST_LIMITS.alerts;

export type Alert = Identified<AlertDoc>;

/** The alerts listeners, behind an interface so the alerts store is unit-testable. */
export interface AlertsGateway {
  /** The newest page of alerts, whatever their state. */
  watchNewest(tenantId: string): Observable<Live<readonly Alert[]>>;
  /** Every open or acknowledged alert, however old: by state, not among the newest N. */
  watchUnresolved(tenantId: string): Observable<Live<readonly Alert[]>>;
}

class FirestoreAlertsGateway implements AlertsGateway {
  private readonly live = inject(LiveSnapshots);

  watchNewest(tenantId: string): Observable<Live<readonly Alert[]>> {
    return this.live.query(query(this.live.collectionRef(paths.alerts(tenantId), alertDoc), orderBy('openedAt', 'desc'), limit(ALERTS_LIMIT)));
  }

  watchUnresolved(tenantId: string): Observable<Live<readonly Alert[]>> {
    const unresolved = query(
      this.live.collectionRef(paths.alerts(tenantId), alertDoc),
      where('state', 'in', ['open', 'acknowledged']),
      orderBy('openedAt', 'desc'),
      limit(ALERTS_LIMIT),
    );
    return this.live.query(unresolved);
  }
}

export const ALERTS_GATEWAY = new InjectionToken<AlertsGateway>('AlertsGateway', {
  providedIn: 'root',
  factory: () => new FirestoreAlertsGateway(),
});
