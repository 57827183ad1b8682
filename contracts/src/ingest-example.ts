/**
 * A ready-to-paste request that posts one CPU sample to `url` (a deployment's ingest function)
 * with the ingest key `key`: the first thing a new workspace runs (admin console, onboarding).
 */
export function ingestCurlExample(url: string, key: string): string {
  const body = JSON.stringify({ events: [{ type: 'metric', host: 'web-01', metric: 'cpu', value: 42.5 }] });
  return `curl -X POST '${url}' -H 'Authorization: Bearer ${key}' -H 'Content-Type: application/json' -d '${body}'`;
}
