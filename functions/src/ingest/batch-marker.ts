import { ingestResponse, paths, type IngestResponse } from '@pulseboard/contracts';
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import { db } from '../shared/admin';

/** The answer a batch got when it was applied, as a replay gets it; undefined for a batch never applied. */
export function replayedAnswer(marker: DocumentSnapshot | undefined): IngestResponse | undefined {
  return marker?.exists ? { ...ingestResponse.parse(marker.get('answer')), duplicate: true } : undefined;
}

/**
 * A retried batch's original answer, in a read of its own: for a batch none of whose events is
 * valid now, which has no transaction to meet its marker in. Its events may have aged past the
 * lateness window since it was applied, and the agent must not be told its data was lost.
 */
export async function previousAnswer(tenantId: string, batchId: string | undefined): Promise<IngestResponse | undefined> {
  return batchId === undefined ? undefined : replayedAnswer(await db.doc(paths.batch(tenantId, batchId)).get());
}
