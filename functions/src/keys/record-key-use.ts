import { logger } from 'firebase-functions';
import { keyUseMinute, paths } from '@pulseboard/contracts';
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import { db } from '../shared/admin';
import { commitCounted } from '../shared/document-writes';

/** A key's grant and its lookup as the key check read it. */
export interface KeyUse {
  readonly tenantId: string;
  readonly keyId: string;
  readonly lookup: DocumentSnapshot;
}

/** The minute to record for a use at `now`, or null when the lookup already holds it. */
export function minuteToRecord(stored: unknown, now: number): number | null {
  const minute = keyUseMinute(now);
  return stored === minute ? null : minute;
}

/**
 * Records that a batch was taken with this key, to the minute, on the key's metadata (what admins
 * see) and its lookup (what ingest reads anyway, so knowing whether to write costs no read). Called
 * once a batch is answered 200, never for a refused one. Writes only when the lookup's minute
 * differs, and only if the lookup is unchanged since it was read, so concurrent batches write a
 * minute once: at most one write of each document per key per minute. A lost race or a failed
 * write is logged, never the batch's failure.
 */
export async function recordKeyUse({ tenantId, keyId, lookup }: KeyUse, now = Date.now()): Promise<void> {
  const minute = minuteToRecord(lookup.get('lastUsedAt'), now);
  if (minute === null) return;
  try {
    await commitCounted((writes) => {
      writes.update(lookup.ref, { lastUsedAt: minute }, { lastUpdateTime: lookup.updateTime });
      writes.update(db.doc(paths.key(tenantId, keyId)), { lastUsedAt: minute });
    });
  } catch (error) {
    logger.info('key use not recorded (another batch recorded it, or the key changed)', { tenantId, keyId, error: String(error) });
  }
}
