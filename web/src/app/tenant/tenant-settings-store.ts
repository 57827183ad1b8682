import { computed, inject } from '@angular/core';
import type { FleetSettings, TenantDoc } from '@pulseboard/contracts';
import { patchState, signalStore, withComputed, withHooks, withState } from '@ngrx/signals';
import { FALLBACK_SETTINGS } from '../hosts/host-rows';
import { withListeners } from '../stores/with-listeners';
import { TENANT_GATEWAY } from './tenant-gateway';

type TenantSettingsState = {
  /** The selected tenant's document; null until it is read (or while it is missing). */
  tenant: TenantDoc | null;
};

/**
 * The selected tenant's document, listened to once for the whole app: the overview's levels, the
 * hosts' statuses, the host page and the settings page all read it here. A tenant switch drops the
 * previous tenant's settings before the next one's arrive.
 */
export const TenantSettingsStore = signalStore(
  { providedIn: 'root' },
  withState<TenantSettingsState>({ tenant: null }),
  withListeners(),
  withComputed(({ tenant }) => ({
    /** The settings statuses are judged by: the tenant's, or the defaults until they are read. */
    effectiveSettings: computed<FleetSettings>(() => tenant() ?? FALLBACK_SETTINGS),
  })),
  withHooks({
    onInit(store, gateway = inject(TENANT_GATEWAY)) {
      store._listenToTenant('tenant', (tenantId) => gateway.watchTenant(tenantId), (tenant) => patchState(store, { tenant }));
    },
  }),
);
