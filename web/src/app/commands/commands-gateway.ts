import { inject, InjectionToken } from '@angular/core';
import { Auth } from '@angular/fire/auth';
import { Firestore } from '@angular/fire/firestore';
import { commandDoc, paths, type CommandDoc, type CommandPayload } from '@pulseboard/contracts';
import { collection, doc, limit, orderBy, query, serverTimestamp, setDoc, Timestamp, where, type Query } from 'firebase/firestore';
import { of, type Observable } from 'rxjs';
import { LiveSnapshots, type Live } from '../firebase/live-snapshots';
import type { CommandRecord, OwnCommand } from './pending-commands';

/*
 * The commands listeners are small on purpose: with the persistent cache the SDK's work per event
 * grows with every document the page's listeners hold, and one tenant-wide listener of the newest
 * 300 commands cost each command's round trip ~60 ms at the median (docs/BENCHMARKS.md, threshold
 * commands).
 */

/**
 * How many of the operator's newest commands are listened to for their answers. More than this in
 * flight at once (all sent within the client timeout) would leave the oldest to that timeout; the
 * row then shows the server's value again, which is right, under a timeout notice.
 */
export const OWN_COMMANDS_LIMIT = 20;

/** How many of a host's commands its audit log shows at first, and how many more each time it is asked. */
export const HOST_HISTORY_PAGE = 20;

/** The Firestore calls of the commands store, behind an interface so its logic is unit-testable. */
export interface CommandsGateway {
  /** A fresh document id: the command's correlation id. */
  newCommandId(tenantId: string): string;
  /**
   * Writes the command with the time of the operator's click (epoch ms). Resolves when the server
   * has the write; stays pending while the SDK queues it offline.
   */
  create(tenantId: string, commandId: string, payload: CommandPayload, clickedAt: number): Promise<void>;
  /**
   * The signed-in operator's newest commands (OWN_COMMANDS_LIMIT), newest first: their answers,
   * and, after a reload, the ones still queued on this device.
   */
  watchOwn(tenantId: string): Observable<Live<readonly OwnCommand[]>>;
  /** A host's `count` newest threshold and silence commands, newest first: its audit log. */
  watchHostHistory(tenantId: string, host: string, count: number): Observable<Live<readonly CommandRecord[]>>;
}

class FirestoreCommandsGateway implements CommandsGateway {
  private readonly firestore = inject(Firestore);
  private readonly auth = inject(Auth);
  private readonly live = inject(LiveSnapshots);

  newCommandId(tenantId: string): string {
    return doc(collection(this.firestore, paths.commands(tenantId))).id;
  }

  async create(tenantId: string, commandId: string, payload: CommandPayload, clickedAt: number): Promise<void> {
    const uid = this.auth.currentUser?.uid;
    if (!uid) throw new Error('You are signed out.');
    // The SDK does its local write's work in the task that calls it. The optimistic value is already
    // rendered (in the click, or by the zoneless scheduler's macrotask queued first), so waiting one
    // macrotask lets the browser paint it before that work (docs/BENCHMARKS.md, threshold commands).
    await new Promise((resolve) => setTimeout(resolve));
    // Exactly the shape the security rules accept: the function writes everything else.
    return setDoc(doc(this.firestore, paths.command(tenantId, commandId)), {
      payload,
      requestedBy: uid,
      requestedAt: serverTimestamp(),
      clickedAt: Timestamp.fromMillis(clickedAt),
      status: 'pending',
    });
  }

  watchOwn(tenantId: string): Observable<Live<readonly OwnCommand[]>> {
    const uid = this.auth.currentUser?.uid;
    if (!uid) return of({ value: [], fromCache: false, hasPendingWrites: false });
    // A write queued offline sorts first: its pending requestedAt reads as the local estimate.
    const own = this.newest(tenantId, 'requestedBy', uid, OWN_COMMANDS_LIMIT);
    return this.live.queryWithPendingWrites(own);
  }

  watchHostHistory(tenantId: string, host: string, count: number): Observable<Live<readonly CommandRecord[]>> {
    return this.live.query(this.newest(tenantId, 'payload.host', host, count));
  }

  /** The newest `count` commands whose `field` is `value`, newest first (each pair has its index). */
  private newest(tenantId: string, field: string, value: string, count: number): Query<CommandDoc> {
    return query(
      this.live.collectionRef(paths.commands(tenantId), commandDoc),
      where(field, '==', value),
      orderBy('requestedAt', 'desc'),
      limit(count),
    );
  }
}

export const COMMANDS_GATEWAY = new InjectionToken<CommandsGateway>('CommandsGateway', {
  providedIn: 'root',
  factory: () => new FirestoreCommandsGateway(),
});
