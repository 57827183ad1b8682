export type ConnectionStatus = 'live' | 'reconnecting' | 'offline';

/** The sync state of one real-time listener, from its latest snapshot's metadata. */
export interface ListenerSync {
  readonly fromCache: boolean;
  readonly hasPendingWrites: boolean;
}

/**
 * Offline when the browser says so; live only when every listener is served by the backend;
 * reconnecting otherwise, including before the first listener answers (data shown is the cache's).
 */
export function deriveConnectionStatus(online: boolean, listeners: readonly ListenerSync[]): ConnectionStatus {
  if (!online) return 'offline';
  if (listeners.length === 0 || listeners.some((listener) => listener.fromCache)) return 'reconnecting';
  return 'live';
}
