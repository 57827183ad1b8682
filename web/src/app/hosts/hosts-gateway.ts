import { ErrorHandler, inject, InjectionToken } from '@angular/core';
import { HOST_TABLE_PAGES, hostDoc, hostTablePageDoc, paths, type HostDoc, type HostTablePageDoc } from '@pulseboard/contracts';
import { asapScheduler, asyncScheduler, auditTime, combineLatest, defer, map, observeOn, type Observable } from 'rxjs';
import type { Contract } from '../firebase/contract-converter';
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

/** A page as the SDK reads it: validated by the gateway afterwards, one page a task (watchPage). */
const unvalidatedPage: Contract<unknown> = { parse: (data) => data };

class FirestoreHostsGateway implements HostsGateway {
  private readonly live = inject(LiveSnapshots);
  private readonly errors = inject(ErrorHandler);

  /**
   * One page, validated by its contract in a task of its own: the SDK hands every page of an opening
   * table over in one task, where 5 pages of 400 rows parsed at once made one long task. An invalid
   * page reads as missing and is reported, as the contract converter does.
   */
  private watchPage(tenantId: string, page: number): Observable<Live<HostTablePageDoc | null>> {
    return this.live.document(this.live.docRef(paths.hostTablePage(tenantId, page), unvalidatedPage)).pipe(
      observeOn(asyncScheduler),
      map((snapshot) => {
        try {
          return { ...snapshot, value: snapshot.value === null ? null : hostTablePageDoc.parse(snapshot.value) };
        } catch (error) {
          this.errors.handleError(error);
          return { ...snapshot, value: null };
        }
      }),
    );
  }

  watchHosts(tenantId: string): Observable<Live<readonly TableHost[]>> {
    const pages = Array.from({ length: HOST_TABLE_PAGES }, (_, page) => this.watchPage(tenantId, page));
    return defer(() => {
      const merged = new TableHostsOfPages();
      return combineLatest(pages).pipe(
        // Pages arriving in one task are merged once, not once each.
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
