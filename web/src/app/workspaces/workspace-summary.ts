import { countByStatus, type AlertLevel, type HostDigestsDoc, type HostStatus, type TenantDoc } from '@pulseboard/contracts';
import { toHostRow } from '../hosts/host-rows';
import { newestHostStates } from '../overview/fleet-summary';

/** What the workspaces page reads of one tenant, once. */
export interface WorkspaceReading {
  readonly tenant: TenantDoc | null;
  readonly digests: readonly HostDigestsDoc[];
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

/** Hosts by status from the fleet digests (as the overview counts them), and open alerts, "200+" past the count's cap. */
export function workspaceSummary({ tenant, digests, openAlerts, alertCountMax }: WorkspaceReading, now: number): WorkspaceSummary {
  const hosts = tenant === null ? [] : newestHostStates(digests).map((host) => toHostRow(host, tenant, now));
  const shown = (count: number) => (count >= alertCountMax ? `${alertCountMax}+` : String(count));
  return {
    name: tenant?.name ?? null,
    hosts: countByStatus(hosts.map((host) => host.status)),
    hostCount: hosts.length,
    openAlerts: { warning: shown(openAlerts.warning), critical: shown(openAlerts.critical) },
  };
}
