import { inject, InjectionToken } from '@angular/core';
import { Auth } from '@angular/fire/auth';
import { Firestore } from '@angular/fire/firestore';
import { commandDoc, paths, type CommandPayload } from '@pulseboard/contracts';
import { collection, doc, limit, orderBy, query, serverTimestamp, setDoc } from 'firebase/firestore';
import { map, type Observable } from 'rxjs';
import { LiveSnapshots } from '../firebase/live-snapshots';
import type { CommandRecord } from './pending-commands';

/** How many recent commands the audit log listener keeps. */
export const COMMAND_HISTORY_LIMIT = 300;

/** The Firestore calls of the commands store, behind an interface so its logic is unit-testable. */
export interface CommandsGateway {
  /** A fresh document id: the command's correlation id. */
  newCommandId(tenantId: string): string;
  /** Resolves when the server has the write; stays pending while the SDK queues it offline. */
  create(tenantId: string, commandId: string, payload: CommandPayload): Promise<void>;
  /** The tenant's recent commands, newest first: statuses for the store, and the audit log. */
  watch(tenantId: string): Observable<readonly CommandRecord[]>;
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

  watch(tenantId: string): Observable<readonly CommandRecord[]> {
    const recent = query(
      this.live.collectionRef(paths.commands(tenantId), commandDoc),
      orderBy('requestedAt', 'desc'),
      limit(COMMAND_HISTORY_LIMIT),
    );
    return this.live.query(recent).pipe(map((snapshot) => snapshot.value));
  }
}

export const COMMANDS_GATEWAY = new InjectionToken<CommandsGateway>('CommandsGateway', {
  providedIn: 'root',
  factory: () => new FirestoreCommandsGateway(),
});
