import type { TelemetryEvent } from '@pulseboard/contracts';
import { writeIngestKey } from '../../../testkit/ingest-key';
import { createTenant, createUser, uniqueTenantId } from '../../../testkit/tenant-fixture';
import { ingest } from '../../../testkit/ingest';

/**
 * A fresh tenant with a little of everything, posted through ingest: hosts, an error, a CPU level
 * over the critical threshold, and a host name too long for a phone's row. Returns an operator of it.
 */
export async function operatorOfTenantWithData(prefix: string): Promise<Awaited<ReturnType<typeof createUser>>> {
  const tenantId = uniqueTenantId(prefix);
  await createTenant(tenantId);
  const key = await writeIngestKey(tenantId, 'e2e');
  const now = Date.now();
  const events: TelemetryEvent[] = [
    { type: 'metric', host: 'web-01', metric: 'cpu', value: 42, ts: now },
    { type: 'metric', host: 'web-01', metric: 'requests', value: 120, ts: now },
    { type: 'metric', host: 'web-01', metric: 'active_users', value: 31, ts: now },
    { type: 'metric', host: 'db-02', metric: 'cpu', value: 97, ts: now },
    { type: 'error', host: 'db-02', code: 'E503', message: 'upstream timeout', ts: now },
    { type: 'metric', host: 'a-very-long-host-name-in-the-eu-west-1c-zone', metric: 'cpu', value: 12, ts: now },
  ];
  await ingest(key, events);
  return createUser({ [tenantId]: 'operator' });
}
