import { inject, InjectionToken } from '@angular/core';
import { HOST_WINDOWS, LIST_LIMITS, paths, windowChunkDoc, windowChunkOf, type Resolution, type WindowChunkDoc } from '@pulseboard/contracts';
import { limit, orderBy, query, where } from 'firebase/firestore';
import { of, type Observable } from 'rxjs';
import { LiveSnapshots, type Live } from '../firebase/live-snapshots';

/** The archived windows of a host page's longer ranges, behind an interface so its store is unit-testable. */
export interface WindowsGateway {
  /**
   * One host's chunks of one resolution from the one holding `since` on, oldest first: the windows
   * the host document no longer holds. Empty for a resolution never archived (10 s). The recent
   * windows come with the host document (HostGateway), which the page listens to once.
   */
  watchChunks(tenantId: string, host: string, resolution: Resolution, since: number): Observable<Live<readonly WindowChunkDoc[]>>;
}

class FirestoreWindowsGateway implements WindowsGateway {
  private readonly live = inject(LiveSnapshots);

  /** The chunks of the range, which arrive once each, when they close. */
  watchChunks(tenantId: string, host: string, resolution: Resolution, since: number): Observable<Live<readonly WindowChunkDoc[]>> {
    const firstChunk = windowChunkOf(HOST_WINDOWS, since, resolution);
    if (firstChunk === null) return of({ value: [], fromCache: false, hasPendingWrites: false });
    return this.live.query(
      query(
        this.live.collectionRef(paths.windowChunks(tenantId), windowChunkDoc),
        where('host', '==', host),
        where('resolution', '==', resolution),
        where('start', '>=', firstChunk.start),
        orderBy('start'),
        // The rules refuse a list without a limit; the longest chart range needs fewer (list-limits.spec).
        limit(LIST_LIMITS.windowChunks),
      ),
    );
  }
}

export const WINDOWS_GATEWAY = new InjectionToken<WindowsGateway>('WindowsGateway', {
  providedIn: 'root',
  factory: () => new FirestoreWindowsGateway(),
});
