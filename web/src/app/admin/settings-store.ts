import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import type { TenantDoc, TenantSettings } from '@pulseboard/contracts';
import { CommandsStore } from '../commands/commands-store';
import { FleetGateway } from '../overview/fleet-gateway';
import { SettingsGateway } from './settings-gateway';
import { listedMetrics } from './settings-draft';
import { withAdminActions } from './with-admin-actions';

type SettingsState = {
  /** The tenant document's settings; null until it is read. */
  server: TenantDoc | null;
  /** Every metric the tenant's hosts reported this hour, by name. */
  reported: readonly string[];
};

const initialState: SettingsState = { server: null, reported: [] };

const sameNames = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((name, index) => name === b[index]);

/**
 * The tenant settings page's state: the settings with the admin's pending change over them (the
 * commands store's overlay), and the metrics to list. Changes go through the command path.
 */
export const SettingsStore = signalStore(
  withState(initialState),
  withAdminActions(),
  withComputed(({ server, reported }, commands = inject(CommandsStore)) => ({
    /** What the page shows: the newest pending change, else the server's settings. */
    shown: computed(() => commands.tenantSettingsOf(server())),
    /** Equal by content, so a snapshot that reports the same metrics leaves the form alone. */
    metrics: computed(() => listedMetrics(Object.keys(server()?.thresholds ?? {}), reported()), { equal: sameNames }),
    /** Why the admin's latest change was taken back. */
    notice: computed(() => commands.tenantSettingsNotice()),
  })),
  withMethods((_store, commands = inject(CommandsStore)) => ({
    save: (settings: TenantSettings): Promise<string> => commands.submitTenantSettings(settings),
    dismissNotice: (commandId: string): void => commands.dismissNotice(commandId),
  })),
  withHooks({
    onInit(store, fleet = inject(FleetGateway), gateway = inject(SettingsGateway)) {
      store._followTenant(
        (tenantId) => fleet.tenant$(tenantId),
        (server) => patchState(store, { server }),
      );
      store._followTenant(
        (tenantId) => gateway.reportedMetrics$(tenantId),
        (reported) => patchState(store, { reported: reported ?? [] }),
      );
    },
  }),
);
