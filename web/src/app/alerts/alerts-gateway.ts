import { inject, Injectable } from '@angular/core';
import { alertDoc, LIST_LIMITS, paths, type AlertDoc } from '@pulseboard/contracts';
import { limit, orderBy, query } from 'firebase/firestore';
import { map, type Observable } from 'rxjs';
import { LiveSnapshots, type Identified } from '../firebase/live-snapshots';

/** Alerts the view keeps: every open one in practice, and the recent history; as many as the rules allow. */
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
}
