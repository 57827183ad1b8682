import { hostDigest, hostTableRowOf, type HostDoc } from '@pulseboard/contracts';
import { describe, expect, it } from 'vitest';
import { hostsOfPages } from '../hosts/host-rows';
import { hostAt, tenantSettings } from '../testing/fake-gateways';
import { workspaceSummary } from './workspace-summary';

const now = Date.UTC(2026, 11, 2, 12);
const page = (index: number, hosts: HostDoc[]) => ({
  page: index,
  hosts: Object.fromEntries(hosts.map((host) => [host.host, hostTableRowOf(hostDigest.parse(host))])),
});

describe('workspaceSummary', () => {
  it("counts each host once by status, from its newest row, with the tenant's thresholds", () => {
    const summary = workspaceSummary(
      {
        tenant: tenantSettings({ name: 'Acme Corp' }),
        hosts: hostsOfPages([
          page(0, [hostAt('web-01', now - 1_000, { cpu: 97 }), hostAt('web-02', now - 1_000, { cpu: 10 })]),
          // web-01 reported more recently through a shard of another page: that row counts.
          page(1, [hostAt('web-01', now, { cpu: 85 }), hostAt('old-01', now - 3_600_000, { cpu: 10 })]),
          null,
        ]),
        openAlerts: { warning: 2, critical: 0 },
        alertCountMax: 200,
      },
      now,
    );
    expect(summary).toEqual({
      name: 'Acme Corp',
      hosts: { critical: 0, warning: 1, stale: 1, silenced: 0, ok: 1 },
      hostCount: 3,
      openAlerts: { warning: '2', critical: '0' },
    });
  });

  it('says a count that reached its cap is at least that many', () => {
    const summary = workspaceSummary({ tenant: null, hosts: [], openAlerts: { warning: 200, critical: 3 }, alertCountMax: 200 }, now);
    expect(summary.openAlerts).toEqual({ warning: '200+', critical: '3' });
    expect(summary.hostCount).toBe(0);
  });
});
