import { inject, InjectionToken } from '@angular/core';
import { LIST_LIMITS, paths, windowDoc, type Resolution, type WindowDoc } from '@pulseboard/contracts';
import { limit, orderBy, query, where } from 'firebase/firestore';
import { map, type Observable } from 'rxjs';
import { LiveSnapshots } from '../firebase/live-snapshots';

/** The window listener of the host page, behind an interface so its store is unit-testable. */
export interface WindowsGateway {
  /** One host's windows of one resolution starting at or after `since`, oldest first. */
  watchWindows(tenantId: string, host: string, resolution: Resolution, since: number): Observable<readonly WindowDoc[]>;
}

class FirestoreWindowsGateway implements WindowsGateway {
  private readonly live = inject(LiveSnapshots);

  watchWindows(tenantId: string, host: string, resolution: Resolution, since: number): Observable<readonly WindowDoc[]> {
    const recent = query(
      this.live.collectionRef(paths.windows(tenantId), windowDoc),
      where('host', '==', host),
      where('resolution', '==', resolution),
      where('start', '>=', since),
      orderBy('start'),
      // The rules refuse a list without a limit; the longest chart range needs fewer (chart-ranges.spec).
      limit(LIST_LIMITS.windows),
    );
    return this.live.query(recent).pipe(map((snapshot) => snapshot.value));
  }
}

export const WINDOWS_GATEWAY = new InjectionToken<WindowsGateway>('WindowsGateway', {
  providedIn: 'root',
  factory: () => new FirestoreWindowsGateway(),
});
