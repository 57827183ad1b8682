import type { AppliedBatch } from '@pulseboard/contracts';

/**
 * The batches a host document remembers, by count, not time: an agent retrying batch X sends no
 * newer batch of its hosts meanwhile, so X leaves a host's list only after this many batches of
 * other agents reporting the same host, however long the outage (docs/DATA-MODEL.md, "Exactly once").
 */
export const APPLIED_BATCHES_KEPT = 20;

/** A host's applied batches after one more, newest last; a batch without an id is not remembered. */
export function rememberBatch(stored: readonly AppliedBatch[], id: string | undefined, appliedAt: number): AppliedBatch[] {
  if (id === undefined) return [...stored].slice(-APPLIED_BATCHES_KEPT);
  return [...stored.filter((batch) => batch.id !== id), { id, appliedAt }].slice(-APPLIED_BATCHES_KEPT);
}

/** When a batch was applied, as any host document it wrote remembers it; undefined for one none of them remembers. */
export function appliedAtOf(hosts: Iterable<{ appliedBatches?: readonly AppliedBatch[] | undefined }>, id: string | undefined): number | undefined {
  if (id === undefined) return undefined;
  for (const host of hosts) {
    const applied = host.appliedBatches?.find((batch) => batch.id === id);
    if (applied !== undefined) return applied.appliedAt;
  }
  return undefined;
}
