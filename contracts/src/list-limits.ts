/**
 * The most documents one list query may ask for, per collection: firestore.rules refuses a list
 * query on these collections without a `limit` at most this large (so no member can run an
 * unbounded read on the tenant's bill), and the app's own queries stay within them.
 */
export const LIST_LIMITS = {
  /** The host page's longest range: 30 days of 1 h windows, one a chunk (721 with the partial first one). */
  windowChunks: 750,
  /**
   * Every fleet shard document (FLEET_SHARDS): the settings page's metric names, read once a visit;
   * the overview and the workspaces page read no shard (the live summary, the hosts table's pages).
   */
  fleetShards: 64,
  /** A fleet shard's closed windows over the longest chart range, as windowChunks (no page reads them yet). */
  fleetChunks: 750,
  commands: 200,
  alerts: 200,
  /** The audit page's page size (admins only). */
  audit: 100,
  /** The notifications page's newest deliveries of one channel (admins only). */
  deliveries: 50,
} as const;
