import { inject, InjectionToken } from '@angular/core';
import {
  HOST_WINDOWS,
  LIST_LIMITS,
  paths,
  storedHostDoc,
  windowChunkDoc,
  windowChunkOf,
  windowsSince,
  type HostWindow,
  type Resolution,
} from '@pulseboard/contracts';
import { limit, orderBy, query, where } from 'firebase/firestore';
import { combineLatest, map, of, type Observable } from 'rxjs';
import { LiveSnapshots, type Live } from '../firebase/live-snapshots';

/** The window listeners of the host page, behind an interface so its store is unit-testable. */
export interface WindowsGateway {
  /** One host's windows of one resolution starting at or after `since`, oldest first. */
  watchWindows(tenantId: string, host: string, resolution: Resolution, since: number): Observable<Live<readonly HostWindow[]>>;
}

/** What the host page charts of the host document: its recent windows (the rest of it is read through hostDoc). */
const recentWindowsOfHost = storedHostDoc.pick({ windows: true });

class FirestoreWindowsGateway implements WindowsGateway {
  private readonly live = inject(LiveSnapshots);

  /**
   * The host document's recent windows (the same listener target as the page's host state: the
   * SDK serves both from one) and, for a resolution archived in chunks, the chunks of the range,
   * which arrive once each, when they close.
   */
  watchWindows(tenantId: string, host: string, resolution: Resolution, since: number): Observable<Live<readonly HostWindow[]>> {
    const recent = this.live.document(this.live.docRef(paths.host(tenantId, host), recentWindowsOfHost));
    const firstChunk = windowChunkOf(HOST_WINDOWS, since, resolution);
    const chunks =
      firstChunk === null
        ? of({ value: [], fromCache: false, hasPendingWrites: false })
        : this.live
            .query(
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
    return combineLatest([recent, chunks]).pipe(
      map(([windows, archived]) => ({
        value: windowsSince(windows.value?.windows, archived.value, resolution, since),
        fromCache: windows.fromCache || archived.fromCache,
        hasPendingWrites: windows.hasPendingWrites || archived.hasPendingWrites,
      })),
    );
  }
}

export const WINDOWS_GATEWAY = new InjectionToken<WindowsGateway>('WindowsGateway', {
  providedIn: 'root',
  factory: () => new FirestoreWindowsGateway(),
});
