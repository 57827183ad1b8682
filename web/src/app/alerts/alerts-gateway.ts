import { inject, Injectable } from '@angular/core';
import { alertDoc, LIST_LIMITS, paths, type AlertDoc } from '@pulseboard/contracts';
import { limit, orderBy, query, where } from 'firebase/firestore';
import { map, type Observable } from 'rxjs';
import { LiveSnapshots, type Identified } from '../firebase/live-snapshots';

/**
 * Alerts per listener, as many as the rules allow: the unresolved ones (every one unless a tenant has
 * more than this many open or acknowledged at once; past it the oldest of them drop out) and the
 * newest page of history.
 */
export const ALERTS_LIMIT = LIST_LIMITS.alerts;

export type Alert = Identified<AlertDoc>;

/** The alerts listener, behind one class so the alerts store is unit-testable. */
@Injectable({ providedIn: 'root' })
export class AlertsGateway {
  private readonly live = inject(LiveSnapshots);

  newest$(tenantId: string): Observable<readonly Alert[]> {
    const newest = query(
      this.live.collectionRef(paths.alerts(tenantId), alertDoc),
      orderBy('openedAt', 'desc'),
      limit(ALERTS_LIMIT),
    );
    return this.live.query(newest).pipe(map((alerts) => alerts.value));
  }

  /** Every open or acknowledged alert, however old: by state, not among the newest N. */
  unresolved$(tenantId: string): Observable<readonly Alert[]> {
    const unresolved = query(
      this.live.collectionRef(paths.alerts(tenantId), alertDoc),
      where('state', 'in', ['open', 'acknowledged']),
      orderBy('openedAt', 'desc'),
      limit(ALERTS_LIMIT),
    );
    return this.live.query(unresolved).pipe(map((alerts) => alerts.value));
  }
}
