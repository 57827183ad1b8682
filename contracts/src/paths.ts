import type { Resolution } from './metrics';
import type { LiveSummary } from './live-overview';

/** Every Firestore path of the product. Nothing else writes a path as a string. */
export const paths = {
  tenants: () => 'tenants',
  tenant: (tenantId: string) => `tenants/${tenantId}`,
  members: (tenantId: string) => `tenants/${tenantId}/members`,
  member: (tenantId: string, uid: string) => `tenants/${tenantId}/members/${uid}`,
  hosts: (tenantId: string) => `tenants/${tenantId}/hosts`,
  host: (tenantId: string, host: string) => `tenants/${tenantId}/hosts/${host}`,
  /** A host's closed windows, a chunk of them a document (its recent ones are in its host document). */
  windowChunks: (tenantId: string) => `tenants/${tenantId}/windowChunks`,
  windowChunk: (tenantId: string, host: string, res: Resolution, start: number) =>
    `tenants/${tenantId}/windowChunks/${windowChunkId(host, res, start)}`,
  /** One document a fleet shard: its recent windows and its hosts' digests (each batch writes one). */
  fleetShards: (tenantId: string) => `tenants/${tenantId}/fleetShards`,
  fleetShard: (tenantId: string, shard: number) => `tenants/${tenantId}/fleetShards/${shard}`,
  /** Past fleet level 0 (FLEET_LEVEL_MAX): one document a leaf, each batch writes one; the tenant's fold writes the shards from them. */
  fleetLeaves: (tenantId: string) => `tenants/${tenantId}/fleetLeaves`,
  fleetLeaf: (tenantId: string, leaf: number) => `tenants/${tenantId}/fleetLeaves/${leaf}`,
  /** Server-only: what the fold of a shard's leaves keeps between folds (their shares of the open 10 s windows). */
  fleetGroupParts: (tenantId: string) => `tenants/${tenantId}/fleetGroupParts`,
  fleetGroupPartsOf: (tenantId: string, group: number) => `tenants/${tenantId}/fleetGroupParts/${group}`,
  /** A fleet shard's (or leaf's) closed 1 m and 1 h windows, a chunk of them a document. */
  fleetChunks: (tenantId: string) => `tenants/${tenantId}/fleetChunks`,
  fleetChunk: (tenantId: string, shard: number, res: Resolution, start: number) =>
    `tenants/${tenantId}/fleetChunks/${shard}_${res}_${start}`,
  /** A leaf's closed windows: in fleetChunks too, named apart from a level-0 shard of the same number. */
  fleetLeafChunk: (tenantId: string, leaf: number, res: Resolution, start: number) =>
    `tenants/${tenantId}/fleetChunks/leaf-${leaf}_${res}_${start}`,
  live: (tenantId: string) => `tenants/${tenantId}/live`,
  /** The live overview's summaries (LIVE_SUMMARIES), each written by the fold at most once a slot. */
  liveOverview: (tenantId: string, summary: LiveSummary) => `tenants/${tenantId}/live/${summary === 'slotEnd' ? 'overview' : 'overviewMidSlot'}`,
  /**
   * Who has the overview open: a member's document, written by its open overview (its server time
   * only), one a member at most; ingest asks for the mid-slot summary while one is fresh.
   */
  overviewViewers: (tenantId: string) => `tenants/${tenantId}/overviewViewers`,
  overviewViewer: (tenantId: string, uid: string) => `tenants/${tenantId}/overviewViewers/${uid}`,
  /** Server-only: past fleet level 0, the read time of the fold's last query of the tenant's leaves (`cutoff`). */
  leafFoldState: (tenantId: string) => `tenants/${tenantId}/live/leafFold`,
  /** Server-only: what the live overview's fold keeps between folds. */
  liveOverviewParts: (tenantId: string) => `tenants/${tenantId}/live/overviewParts`,
  /** One page of the hosts table (0..HOST_TABLE_PAGES-1), written by the fold at most once a slot. */
  hostTablePage: (tenantId: string, page: number) => `tenants/${tenantId}/live/hosts-${page}`,
  alerts: (tenantId: string) => `tenants/${tenantId}/alerts`,
  alert: (tenantId: string, alertId: string) => `tenants/${tenantId}/alerts/${alertId}`,
  /** Server-only: how far the silent-host sweep has read the tenant's hosts by lastSeen. */
  silentHostSweep: (tenantId: string) => `tenants/${tenantId}/sweeps/silentHosts`,
  commands: (tenantId: string) => `tenants/${tenantId}/commands`,
  command: (tenantId: string, commandId: string) => `tenants/${tenantId}/commands/${commandId}`,
  otlpSeries: (tenantId: string) => `tenants/${tenantId}/otlpSeries`,
  /** Server-only: a host's cumulative OTLP series, for delta conversion. */
  hostOtlpSeries: (tenantId: string, host: string) => `tenants/${tenantId}/otlpSeries/${host}`,
  /** Server-only: per-minute event counters of each ingest key, one shard per function instance. */
  ingestQuota: (tenantId: string) => `tenants/${tenantId}/ingestQuota`,
  ingestQuotaShard: (tenantId: string, keyId: string, minute: number, shard: number) => `tenants/${tenantId}/ingestQuota/${keyId}_${minute}_${shard}`,
  /** Append-only log of administrative acts and settled commands, written by functions only. */
  auditLog: (tenantId: string) => `tenants/${tenantId}/audit`,
  auditEntry: (tenantId: string, entryId: string) => `tenants/${tenantId}/audit/${entryId}`,
  /** Admin-visible key metadata (label, prefix, state); never the hash. */
  keys: (tenantId: string) => `tenants/${tenantId}/keys`,
  key: (tenantId: string, keyId: string) => `tenants/${tenantId}/keys/${keyId}`,
  /** Server-only lookup of an ingest key by the SHA-256 of its secret. */
  ingestKeyHashes: () => 'ingestKeyHashes',
  ingestKeyHash: (sha256Hex: string) => `ingestKeyHashes/${sha256Hex}`,
  /** Admin-visible notification channels (docs/DATA-MODEL.md, "Notifications"). */
  channels: (tenantId: string) => `tenants/${tenantId}/channels`,
  channel: (tenantId: string, channelId: string) => `tenants/${tenantId}/channels/${channelId}`,
  /** The delivery log and outbox of notifications, written by functions only. */
  deliveries: (tenantId: string) => `tenants/${tenantId}/deliveries`,
  delivery: (tenantId: string, deliveryId: string) => `tenants/${tenantId}/deliveries/${deliveryId}`,
  /** Server-only: a webhook channel's signing key. Tenant ids hold no `_`, so the id is injective. */
  channelSecrets: () => 'channelSecrets',
  channelSecret: (tenantId: string, channelId: string) => `channelSecrets/${tenantId}_${channelId}`,
  /** The "Trigger Email from Firestore" extension's collection; ids carry the tenant, as the collection is shared. */
  mailbox: () => 'mail',
  mail: (tenantId: string, deliveryId: string) => `mail/${tenantId}_${deliveryId}`,
} as const;

/** Injective: a resolution and a start hold no `_`, so the host is everything before the last two. */
export function windowChunkId(host: string, res: Resolution, start: number): string {
  return `${host}_${res}_${start}`;
}
