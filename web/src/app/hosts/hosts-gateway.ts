import { inject, InjectionToken } from '@angular/core';
import { HOST_TABLE_PAGES, hostDoc, hostTablePageDoc, paths, type HostDoc } from '@pulseboard/contracts';
import { asapScheduler, auditTime, combineLatest, defer, map, type Observable } from 'rxjs';
import { LiveSnapshots, type Live } from '../firebase/live-snapshots';
import { TableHostsOfPages, type TableHost } from './host-rows';

/** The hosts table's listeners, behind an interface so its store is unit-testable. */
export interface HostsGateway {
  /**
   * Every host of the tenant, from the table's HOST_TABLE_PAGES pages (one listener each: the fold
   * writes each at most once a second, so the table receives at most that many documents a second).
   */
  watchHosts(tenantId: string): Observable<Live<readonly TableHost[]>>;
  /** One host's document: listened to only while an editor of its thresholds is the one last opened. */
  watchHost(tenantId: string, host: string): Observable<Live<HostDoc | null>>;
}

class FirestoreHostsGateway implements HostsGateway {
  private readonly live = inject(LiveSnapshots);

  watchHosts(tenantId: string): Observable<Live<readonly TableHost[]>> {
    const pages = Array.from({ length: HOST_TABLE_PAGES }, (_, page) => this.live.document(this.live.docRef(paths.hostTablePage(tenantId, page), hostTablePageDoc)));
    return defer(() => {
      const merged = new TableHostsOfPages();
      return combineLatest(pages).pipe(
        // Pages arriving in one animation frame (all 5 as the table opens) are merged once, not once each.
        auditTime(0, asapScheduler),
        map((snapshots) => ({
          value: merged.merge(snapshots.map((snapshot) => snapshot.value)),
          fromCache: snapshots.some((snapshot) => snapshot.fromCache),
          hasPendingWrites: false,
        })),
      );
    });
  }

  watchHost(tenantId: string, host: string): Observable<Live<HostDoc | null>> {
    return this.live.document(this.live.docRef(paths.host(tenantId, host), hostDoc));
  }
}

export const HOSTS_GATEWAY = new InjectionToken<HostsGateway>('HostsGateway', {
  providedIn: 'root',
  factory: () => new FirestoreHostsGateway(),
});
