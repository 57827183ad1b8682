import { inject, InjectionToken } from '@angular/core';
import { collection, Firestore, orderBy, query, where } from '@angular/fire/firestore';
import { paths, windowDoc, type Resolution, type WindowDoc } from '@pulseboard/contracts';
import { map, type Observable } from 'rxjs';
import { liveQuery } from '../hosts/live-query';

/** The window listener of the host page, behind an interface so its store is unit-testable. */
export interface WindowsGateway {
  /** One host's windows of one resolution starting at or after `since`, oldest first. */
  watchWindows(tenantId: string, host: string, resolution: Resolution, since: number): Observable<readonly WindowDoc[]>;
}

class FirestoreWindowsGateway implements WindowsGateway {
  private readonly firestore = inject(Firestore);

  watchWindows(tenantId: string, host: string, resolution: Resolution, since: number): Observable<readonly WindowDoc[]> {
    const recent = query(
      collection(this.firestore, paths.windows(tenantId)),
      where('host', '==', host),
      where('resolution', '==', resolution),
      where('start', '>=', since),
      orderBy('start'),
    );
    return liveQuery(recent, windowDoc).pipe(map((live) => live.docs));
  }
}

export const WINDOWS_GATEWAY = new InjectionToken<WindowsGateway>('WindowsGateway', {
  providedIn: 'root',
  factory: () => new FirestoreWindowsGateway(),
});
