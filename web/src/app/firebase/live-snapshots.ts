import { ErrorHandler, inject, Injectable } from '@angular/core';
import { Firestore } from '@angular/fire/firestore';
import {
  collection,
  doc,
  onSnapshot,
  type CollectionReference,
  type DocumentReference,
  type Query,
  type QuerySnapshot,
  type SnapshotMetadata,
} from 'firebase/firestore';
import { finalize, Observable, type Subscriber } from 'rxjs';
import { ConnectionStore } from '../connection/connection-store';
import type { SnapshotSync } from '../connection/connection-status';
import { reportingSync } from '../connection/reporting-sync';
import { contractConverter, type Contract } from './contract-converter';
import { FrameGate } from './frame-gate';
import { markPendingWrites, ParsedDocuments, type Identified, type Written } from './parsed-documents';

export type { Identified, Written } from './parsed-documents';

/** What one listener last delivered, and whether it came from the local cache. */
export interface Live<T> extends SnapshotSync {
  readonly value: T;
}

let listenerCount = 0;

/**
 * Real-time listeners whose documents are validated by the contract converter. Every listener
 * reports its sync state to the connection status (one that never answers, too), and snapshots pass
 * the FrameGate: the first of a frame at once, the rest coalesced into the next frame, so no widget
 * renders twice in a frame.
 */
@Injectable({ providedIn: 'root' })
export class LiveSnapshots {
  private readonly firestore = inject(Firestore);
  private readonly connection = inject(ConnectionStore);
  private readonly errors = inject(ErrorHandler);
  private readonly frames = inject(FrameGate);

  collectionRef<T>(path: string, contract: Contract<T>): CollectionReference<T> {
    return collection(this.firestore, path).withConverter(contractConverter(contract));
  }

  docRef<T>(path: string, contract: Contract<T>): DocumentReference<T> {
    return doc(this.firestore, path).withConverter(contractConverter(contract));
  }

  /** A query's valid documents, parsed incrementally (see ParsedDocuments). */
  query<T>(source: Query<T>): Observable<Live<readonly Identified<T>[]>> {
    return this.parsedQuery(source, (parsed) => parsed);
  }

  /** Like query, each document marked with whether the SDK still holds a local write of it. */
  queryWithPendingWrites<T>(source: Query<T>): Observable<Live<readonly Written<T>[]>> {
    return this.parsedQuery(source, markPendingWrites);
  }

  private parsedQuery<T, R>(
    source: Query<T>,
    shape: (parsed: Identified<T>[], snapshot: QuerySnapshot<T>) => R,
  ): Observable<Live<R>> {
    return this.coalesced((subscriber) => {
      const documents = new ParsedDocuments<T>((error) => this.errors.handleError(error));
      return onSnapshot(
        source,
        { includeMetadataChanges: true },
        (snapshot) => subscriber.next(live(shape(documents.apply(snapshot), snapshot), snapshot.metadata)),
        (error) => subscriber.error(error),
      );
    });
  }

  /** One document; null while it is missing or invalid. */
  document<T>(source: DocumentReference<T>): Observable<Live<T | null>> {
    return this.coalesced((subscriber) =>
      onSnapshot(
        source,
        { includeMetadataChanges: true },
        (snapshot) => {
          let value: T | null = null;
          try {
            value = snapshot.data({ serverTimestamps: 'estimate' }) ?? null;
          } catch (error) {
            this.errors.handleError(error);
          }
          subscriber.next(live(value, snapshot.metadata));
        },
        (error) => subscriber.error(error),
      ),
    );
  }

  private coalesced<T>(listen: (subscriber: Subscriber<Live<T>>) => () => void): Observable<Live<T>> {
    const listenerId = `listener-${++listenerCount}`;
    return new Observable<Live<T>>(listen).pipe(
      reportingSync((sync) => this.connection.reportListener(listenerId, sync)),
      finalize(() => this.connection.forgetListener(listenerId)),
      this.frames.coalesce(),
    );
  }
}

function live<T>(value: T, metadata: SnapshotMetadata): Live<T> {
  return { value, fromCache: metadata.fromCache, hasPendingWrites: metadata.hasPendingWrites };
}
