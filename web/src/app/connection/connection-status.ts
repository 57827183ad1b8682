export type ConnectionStatus = 'live' | 'reconnecting' | 'offline';

/** What a snapshot's metadata says of where its data came from. */
export interface SnapshotSync {
  readonly fromCache: boolean;
  readonly hasPendingWrites: boolean;
}

/** The sync state of one real-time listener: its latest snapshot's, and whether the backend has answered it yet. */
export interface ListenerSync extends SnapshotSync {
  /**
   * The backend has not answered it since it started, and its time to answer has not run out
   * (reportingSync's UNANSWERED_AFTER_MS). The SDK answers a new listener from its cache first, on a
   * live connection too (every page change to a page already visited), so until the backend answers,
   * its `fromCache` says nothing about the connection.
   */
  readonly awaitingBackend: boolean;
}

/**
 * Offline when the browser says so. Reconnecting while a listener the backend has answered, or
 * one whose time to answer ran out, serves the cache (the SDK turns every answered listener to the
 * cache when it loses the backend). Live when every listener is served by the backend. While some
 * listeners still await their first answer, and none is lost, the status stays what it `was`: a
 * page opened on a live connection stays live, and an app starting (nothing answered yet, `was`
 * undefined) or coming back from an outage reconnects until its listeners are served.
 */
export function deriveConnectionStatus(
  online: boolean,
  listeners: readonly ListenerSync[],
  was: ConnectionStatus | undefined,
): ConnectionStatus {
  if (!online) return 'offline';
  if (listeners.some((listener) => listener.fromCache && !listener.awaitingBackend)) return 'reconnecting';
  if (listeners.length > 0 && listeners.every((listener) => !listener.fromCache)) return 'live';
  return was === 'live' ? 'live' : 'reconnecting';
}
