import { countByStatus, type AlertLevel, type HostStatus, type TenantDoc } from '@pulseboard/contracts';
import { toTableRow, type TableHost } from '../hosts/host-rows';

/** What the workspaces page reads of one tenant, once. */
export interface WorkspaceReading {
  readonly tenant: TenantDoc | null;
  /** Every host once, from the hosts table's pages. */
  readonly hosts: readonly TableHost[];
  /** Open alerts per level, each counted up to `alertCountMax`. */
  readonly openAlerts: Readonly<Record<AlertLevel, number>>;
  readonly alertCountMax: number;
}

/** One workspace as the page lists it. */
export interface WorkspaceSummary {
  readonly name: string | null;
  readonly hosts: Readonly<Record<HostStatus, number>>;
  readonly hostCount: number;
  readonly openAlerts: Readonly<Record<AlertLevel, string>>;
}

/** Hosts by status as the hosts table judges them, and open alerts, "200+" past the count's cap. */
export function workspaceSummary({ tenant, hosts: tableHosts, openAlerts, alertCountMax }: WorkspaceReading, now: number): WorkspaceSummary {
  const hosts = tenant === null ? [] : tableHosts.map((host) => toTableRow(host, tenant, now));
  const shown = (count: number) => (count >= alertCountMax ? `${alertCountMax}+` : String(count));
  return {
    name: tenant?.name ?? null,
    hosts: countByStatus(hosts.map((host) => host.status)),
    hostCount: hosts.length,
    openAlerts: { warning: shown(openAlerts.warning), critical: shown(openAlerts.critical) },
  };
}
