import { ingestResponse, paths, type IngestResponse } from '@pulseboard/contracts';
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import { db } from '../shared/admin';

/** The answer a batch got when it was applied, as a replay gets it; undefined for a batch never applied. */
export function replayedAnswer(marker: DocumentSnapshot | undefined): IngestResponse | undefined {
  return marker?.exists ? { ...ingestResponse.parse(marker.get('answer')), duplicate: true } : undefined;
}

/**
 * A retried batch's original answer, looked up before its events are validated: events that have
 * aged past the lateness window since it was applied would otherwise all be refused, and the agent
 * told its data was lost when it was stored.
 */
export async function previousAnswer(tenantId: string, batchId: string | undefined): Promise<IngestResponse | undefined> {
  return batchId === undefined ? undefined : replayedAnswer(await db.doc(paths.batch(tenantId, batchId)).get());
}
