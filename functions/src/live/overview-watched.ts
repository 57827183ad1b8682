import { Timestamp } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions';
import { OVERVIEW_VIEWER_FRESH_MS, paths } from '@pulseboard/contracts';
import { db } from '../shared/admin';
import { countReads } from '../shared/document-writes';

/**
 * How long an instance trusts what it last read of a tenant's viewers: a query per tenant and
 * instance this often at most, however many batches it answers, and an overview just opened gets
 * its mid-slot summary within this time.
 */
const OVERVIEW_WATCHED_CHECK_MS = 5_000;
/** The most tenants the memo keeps; past it, it starts over (an extra query, never a wrong answer for long). */
const WATCHED_TENANTS_KEPT = 1_000;

const checked = new Map<string, { at: number; watched: Promise<boolean> }>();

/**
 * Whether someone has the tenant's overview open: a viewer's document written within
 * OVERVIEW_VIEWER_FRESH_MS (contracts). One query, billed as one read, per tenant and instance every
 * OVERVIEW_WATCHED_CHECK_MS at most; the batches answered meanwhile share its answer. A failed
 * query answers "not watched": the mid-slot summary only buys latency, and the slot's end still
 * shows the batch.
 */
export function overviewWatched(tenantId: string): Promise<boolean> {
  const now = Date.now();
  const memo = checked.get(tenantId);
  if (memo !== undefined && now - memo.at < OVERVIEW_WATCHED_CHECK_MS) return memo.watched;
  const watched = db
    .collection(paths.overviewViewers(tenantId))
    .where('viewedAt', '>', Timestamp.fromMillis(now - OVERVIEW_VIEWER_FRESH_MS))
    .limit(1)
    .get()
    .then(
      (viewers) => {
        countReads(viewers.size, 'query');
        return !viewers.empty;
      },
      (error: unknown) => {
        logger.warn('overview viewers not read; no mid-slot summary until the next check', { tenantId, error: String(error) });
        return false;
      },
    );
  if (checked.size >= WATCHED_TENANTS_KEPT) checked.clear();
  checked.set(tenantId, { at: now, watched });
  return watched;
}
