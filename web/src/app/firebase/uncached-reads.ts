import { ErrorHandler, inject, Injectable, InjectionToken } from '@angular/core';
import type { Firestore, Query } from 'firebase/firestore/lite';
import { animationFrameScheduler, defer, observeOn, type Observable } from 'rxjs';
import type { Contract } from './contract-converter';
import { parseDocument, type Identified } from './parsed-documents';

/** Firestore Lite and the app's instance of it. */
export interface LiteFirestore {
  readonly sdk: typeof import('firebase/firestore/lite');
  readonly firestore: Firestore;
}

/** Loads Firestore Lite on first use (provideFirebase): its chunk stays out of the initial bundle. */
export const LITE_FIRESTORE = new InjectionToken<() => Promise<LiteFirestore>>('LITE_FIRESTORE');

/**
 * One-time reads through Firestore Lite, past the persistent local cache, for documents that no
 * longer change (closed windows). The same reads through the app's Firestore put every document
 * they return into the cache, and bench:ui measured the overview then losing idle time and gaining
 * long tasks (docs/BENCHMARKS.md). The price: offline, such a read fails rather than answering from
 * the cache.
 */
@Injectable({ providedIn: 'root' })
export class UncachedReads {
  private readonly lite = inject(LITE_FIRESTORE);
  private readonly errors = inject(ErrorHandler);

  /**
   * The valid documents of the collection at `path` whose fields equal the given values, delivered
   * in an animation frame like the listeners' snapshots, so a frame with both renders once. At most
   * `max` of them: the rules refuse a list query without a limit.
   */
  whereEqual<T>(
    path: string,
    contract: Contract<T>,
    equalities: Readonly<Record<string, string | number>>,
    max: number,
  ): Observable<readonly Identified<T>[]> {
    return this.read(contract, (sdk, firestore) =>
      sdk.query(sdk.collection(firestore, path), ...equalFilters(sdk, equalities), sdk.limit(max)),
    );
  }

  /**
   * Like whereEqual, one page of them newest first by the number field `newest` (ties by id), the
   * `max` that come after `after` (the last one of the previous page; null for the first page). A
   * cursor of values, not a snapshot, so a store can hold it; `newest` and id order the query
   * exactly as the cursor names them.
   */
  newestPage<T>(
    path: string,
    contract: Contract<T>,
    equalities: Readonly<Record<string, string | number>>,
    page: { readonly newest: string; readonly after: PageCursor | null; readonly max: number },
  ): Observable<readonly Identified<T>[]> {
    return this.read(contract, (sdk, firestore) => {
      const { newest, after, max } = page;
      const order = [sdk.orderBy(newest, 'desc'), sdk.orderBy(sdk.documentId(), 'desc')];
      const start = after === null ? [] : [sdk.startAfter(after.value, after.id)];
      return sdk.query(sdk.collection(firestore, path), ...equalFilters(sdk, equalities), ...order, ...start, sdk.limit(max));
    });
  }

  /** One document, read once; null when it is missing or fails its contract (reported). */
  document<T>(path: string, contract: Contract<T>): Observable<T | null> {
    return defer(async () => {
      const { sdk, firestore } = await this.lite();
      const snapshot = await sdk.getDoc(sdk.doc(firestore, path));
      if (!snapshot.exists()) return null;
      return parseDocument({ id: snapshot.id, data: () => contract.parse(snapshot.data()) }, (error) => this.errors.handleError(error));
    }).pipe(observeOn(animationFrameScheduler));
  }

  /**
   * How many documents of the collection have these field values, counting at most `max` (the
   * rules' list limit applies to an aggregation as to a list): one read per 1,000 counted.
   */
  count(path: string, equalities: Readonly<Record<string, string | number>>, max: number): Observable<number> {
    return defer(async () => {
      const { sdk, firestore } = await this.lite();
      const counted = await sdk.getCount(sdk.query(sdk.collection(firestore, path), ...equalFilters(sdk, equalities), sdk.limit(max)));
      return counted.data().count;
    }).pipe(observeOn(animationFrameScheduler));
  }

  private read<T>(contract: Contract<T>, build: (sdk: LiteFirestore['sdk'], firestore: Firestore) => Query): Observable<readonly Identified<T>[]> {
    return defer(async () => {
      const { sdk, firestore } = await this.lite();
      const snapshot = await sdk.getDocs(build(sdk, firestore));
      return snapshot.docs.flatMap((doc) => {
        const parsed = parseDocument({ id: doc.id, data: () => contract.parse(doc.data()) }, (error) =>
          this.errors.handleError(error),
        );
        return parsed ? [parsed] : [];
      });
    }).pipe(observeOn(animationFrameScheduler));
  }
}

/** Where a page ends: the ordering field's value and the id of its last document. */
export interface PageCursor {
  readonly value: number;
  readonly id: string;
}

function equalFilters(sdk: LiteFirestore['sdk'], equalities: Readonly<Record<string, string | number>>) {
  return Object.entries(equalities).map(([field, value]) => sdk.where(field, '==', value));
}
