import { InjectionToken } from '@angular/core';
import { FUNCTIONS_REGION } from '@pulseboard/contracts';
import { EMULATOR_ENDPOINTS } from './emulator-endpoints';

/** Where agents post batches: the `ingest` function of this deployment (README, "Ingest contract"). */
export const INGEST_URL = new InjectionToken<string>('INGEST_URL');

export function ingestUrl(projectId: string, emulators: boolean): string {
  const { host, port } = EMULATOR_ENDPOINTS.functions;
  return emulators
    ? `http://${host}:${port}/${projectId}/${FUNCTIONS_REGION}/ingest`
    : `https://${FUNCTIONS_REGION}-${projectId}.cloudfunctions.net/ingest`;
}
