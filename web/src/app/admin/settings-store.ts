import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import type { TenantSettings } from '@pulseboard/contracts';
import { CommandsStore } from '../commands/commands-store';
import { TenantSettingsStore } from '../tenant/tenant-settings-store';
import { SETTINGS_GATEWAY } from './settings-gateway';
import { listedMetrics } from './settings-draft';
import { withAdminActions } from './with-admin-actions';

type SettingsState = {
  /** Every metric the tenant's hosts reported this hour, by name. */
  reported: readonly string[];
};

const initialState: SettingsState = { reported: [] };

const sameNames = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((name, index) => name === b[index]);

/**
 * The tenant settings page's state: the settings with the admin's pending change over them (the
 * commands store's overlay), and the metrics to list. Changes go through the command path.
 */
export const SettingsStore = signalStore(
  withState(initialState),
  withAdminActions(),
  // The server's settings are the tenant document (null until it is read), listened to once for the app.
  withComputed(({ reported }, commands = inject(CommandsStore), { tenant } = inject(TenantSettingsStore)) => ({
    /** What the page shows: the newest pending change, else the server's settings. */
    shown: computed(() => commands.tenantSettingsOf(tenant())),
    /** Equal by content, so a snapshot that reports the same metrics leaves the form alone. */
    metrics: computed(() => listedMetrics(Object.keys(tenant()?.thresholds ?? {}), reported()), { equal: sameNames }),
    /** Why the admin's latest change was taken back. */
    notice: computed(() => commands.tenantSettingsNotice()),
  })),
  withMethods((_store, commands = inject(CommandsStore)) => ({
    save: (settings: TenantSettings): Promise<string> => commands.submitTenantSettings(settings),
    dismissNotice: (commandId: string): void => commands.dismissNotice(commandId),
  })),
  withHooks({
    onInit(store, gateway = inject(SETTINGS_GATEWAY)) {
      store._listenToTenant('reported', (tenantId) => gateway.readReportedMetrics(tenantId), (reported) => patchState(store, { reported: reported ?? [] }));
    },
  }),
);
