import { ErrorHandler, inject, InjectionToken } from '@angular/core';
import { HOST_TABLE_PAGES, hostDoc, paths, type HostDoc } from '@pulseboard/contracts';
import { catchError, defer, map, of, switchMap, type Observable } from 'rxjs';
import { combinedLive } from '../firebase/combined-live';
import type { Contract } from '../firebase/contract-converter';
import { LiveSnapshots, type Live } from '../firebase/live-snapshots';
import { TableHostsOfPages, type TableHost } from './host-rows';
import { validatedPage, type ValidatedPage } from './page-validation';

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

/** A page as the SDK reads it: validated by the gateway afterwards, a few rows a task (watchPage). */
const unvalidatedPage: Contract<unknown> = { parse: (data) => data };

class FirestoreHostsGateway implements HostsGateway {
  private readonly live = inject(LiveSnapshots);
  private readonly errors = inject(ErrorHandler);

  /**
   * One page, validated by its contract a few rows a task (validatedPage): the SDK hands every page
   * of an opening table over in one task, where 5 pages of 400 rows parsed at once made one long
   * task. A newer snapshot of the page drops the validation of an older one still under way. An
   * invalid page reads as missing and is reported, as the contract converter does.
   */
  private watchPage(tenantId: string, page: number): Observable<Live<ValidatedPage | null>> {
    return this.live.document(this.live.docRef(paths.hostTablePage(tenantId, page), unvalidatedPage)).pipe(
      switchMap((snapshot) =>
        snapshot.value === null
          ? of({ ...snapshot, value: null })
          : validatedPage(snapshot.value).pipe(
              map((value) => ({ ...snapshot, value })),
              catchError((error: unknown) => {
                this.errors.handleError(error);
                return of({ ...snapshot, value: null });
              }),
            ),
      ),
    );
  }

  watchHosts(tenantId: string): Observable<Live<readonly TableHost[]>> {
    const pages = Array.from({ length: HOST_TABLE_PAGES }, (_, page) => this.watchPage(tenantId, page));
    return defer(() => {
      // Pages arriving in one task are merged once, not once each.
      const merged = new TableHostsOfPages();
      return combinedLive(pages, (values) => merged.merge(values));
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
