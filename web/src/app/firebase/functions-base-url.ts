import { InjectionToken } from '@angular/core';
import { deployedFunctionsBaseUrl, FUNCTIONS_REGION } from '@pulseboard/contracts';
import { EMULATOR_ENDPOINTS } from './emulator-endpoints';

/**
 * Where this deployment's functions live, without a trailing slash: agents post to `<base>/ingest`,
 * `<base>/otlp/v1/metrics` and `<base>/collectd` (README, "Send data").
 */
export const FUNCTIONS_BASE_URL = new InjectionToken<string>('FUNCTIONS_BASE_URL');

export function functionsBaseUrl(projectId: string, emulators: boolean): string {
  const { host, port } = EMULATOR_ENDPOINTS.functions;
  return emulators ? `http://${host}:${port}/${projectId}/${FUNCTIONS_REGION}` : deployedFunctionsBaseUrl(projectId);
}
