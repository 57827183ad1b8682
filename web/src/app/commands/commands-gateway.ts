import { inject, InjectionToken } from '@angular/core';
import { Auth } from '@angular/fire/auth';
import { Firestore } from '@angular/fire/firestore';
import { commandDoc, paths, type CommandPayload } from '@pulseboard/contracts';
import { collection, doc, limit, orderBy, query, serverTimestamp, setDoc, where } from 'firebase/firestore';
import { map, of, type Observable } from 'rxjs';
import { LiveSnapshots } from '../firebase/live-snapshots';
import type { CommandRecord } from './pending-commands';

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
  /** Resolves when the server has the write; stays pending while the SDK queues it offline. */
  create(tenantId: string, commandId: string, payload: CommandPayload): Promise<void>;
  /** The signed-in operator's newest commands (OWN_COMMANDS_LIMIT), newest first: their answers. */
  watchOwn(tenantId: string): Observable<readonly CommandRecord[]>;
  /** A host's `count` newest threshold and silence commands, newest first: its audit log. */
  watchHostHistory(tenantId: string, host: string, count: number): Observable<readonly CommandRecord[]>;
}

class FirestoreCommandsGateway implements CommandsGateway {
  private readonly firestore = inject(Firestore);
  private readonly auth = inject(Auth);
  private readonly live = inject(LiveSnapshots);

  newCommandId(tenantId: string): string {
    return doc(collection(this.firestore, paths.commands(tenantId))).id;
  }

  async create(tenantId: string, commandId: string, payload: CommandPayload): Promise<void> {
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
      status: 'pending',
    });
  }

  watchOwn(tenantId: string): Observable<readonly CommandRecord[]> {
    const uid = this.auth.currentUser?.uid;
    return uid ? this.newest(tenantId, 'requestedBy', uid, OWN_COMMANDS_LIMIT) : of([]);
  }

  watchHostHistory(tenantId: string, host: string, count: number): Observable<readonly CommandRecord[]> {
    return this.newest(tenantId, 'payload.host', host, count);
  }

  /** The newest `count` commands whose `field` is `value`, newest first (each pair has its index). */
  private newest(tenantId: string, field: string, value: string, count: number): Observable<readonly CommandRecord[]> {
    const newest = query(
      this.live.collectionRef(paths.commands(tenantId), commandDoc),
      where(field, '==', value),
      orderBy('requestedAt', 'desc'),
      limit(count),
    );
    return this.live.query(newest).pipe(map((snapshot) => snapshot.value));
  }
}

export const COMMANDS_GATEWAY = new InjectionToken<CommandsGateway>('CommandsGateway', {
  providedIn: 'root',
  factory: () => new FirestoreCommandsGateway(),
});
