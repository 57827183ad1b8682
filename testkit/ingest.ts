import { ingestResponse, type IngestResponse, type TelemetryEvent } from '@pulseboard/contracts';
import { functionUrl } from './emulators';

/** Posts one batch to the real ingest function and returns its parsed answer. */
export async function ingest(key: string, events: TelemetryEvent[], batchId?: string): Promise<IngestResponse> {
  const response = await fetch(functionUrl('ingest'), {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events, ...(batchId ? { batchId } : {}) }),
  });
  const body: unknown = await response.json();
  if (!response.ok) throw new Error(`ingest answered ${response.status}: ${JSON.stringify(body)}`);
  return ingestResponse.parse(body);
}
