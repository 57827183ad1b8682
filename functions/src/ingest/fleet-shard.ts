import { fleetLeafCount } from '@pulseboard/contracts';

/** FNV-1a of a host's name: stable across instances and deploys (unlike a random pick). */
function fnv1a(host: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < host.length; i++) {
    hash ^= host.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The fleet leaf of a host at a fleet level: FNV-1a of its name modulo the level's leaf count, so
 * one host always adds to the same document. The leaf modulo FLEET_SHARDS is the host's shard at
 * every level (the counts are FLEET_SHARDS times powers of two): a raise only splits a shard's leaves.
 */
export function fleetLeafOf(host: string, level: number): number {
  return fnv1a(host) % fleetLeafCount(level);
}

/** The fleet shard of a host: its leaf at level 0. */
export function fleetShardOf(host: string): number {
  return fleetLeafOf(host, 0);
}
