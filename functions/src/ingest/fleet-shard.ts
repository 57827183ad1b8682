import { FLEET_SHARDS } from '@pulseboard/contracts';

/**
 * The fleet shard of a host: FNV-1a of its name modulo FLEET_SHARDS. Stable across instances and
 * deploys (unlike a random pick), so one host always adds to the same shard document.
 */
export function fleetShardOf(host: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < host.length; i++) {
    hash ^= host.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % FLEET_SHARDS;
}
