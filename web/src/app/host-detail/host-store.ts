import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withState } from '@ngrx/signals';
import { STATUS_TICK_MS, toHostRow } from '../hosts/host-rows';
import { SessionStore } from '../session/session-store';
import { withClock } from '../stores/with-clock';
import { withListeners } from '../stores/with-listeners';
import { TenantSettingsStore } from '../tenant/tenant-settings-store';
import { HOST_GATEWAY, type HostPageDoc } from './host-gateway';

type HostPageState = {
  host: string | null;
  doc: HostPageDoc | null;
};

/** Which host document the page listens to. */
interface HostKey {
  readonly tenantId: string;
  readonly host: string;
}

/**
 * One host's latest state, judged by the tenant's settings, and its recent windows, for the host page
 * (which provides it, so it lives and dies with the page; its charts read the windows from here). It
 * listens to that host's document only: the page of one host must not hold every host of a 1,000-host
 * fleet (docs/BENCHMARKS.md, bench:ui).
 */
export const HostStore = signalStore(
  withState<HostPageState>({ host: null, doc: null }),
  withListeners(),
  withClock(STATUS_TICK_MS),
  withComputed(({ doc, now }, tenant = inject(TenantSettingsStore)) => ({
    effectiveSettings: tenant.effectiveSettings,
    row: computed(() => {
      const current = doc();
      return current === null ? null : toHostRow(current, tenant.effectiveSettings(), now());
    }),
    /** The windows the host document holds, by resolution; undefined while it has not reported. */
    recentWindows: computed(() => doc()?.windows),
  })),
  withMethods((store) => ({
    showHost(host: string): void {
      patchState(store, { host });
    },
  })),
  withHooks({
    onInit(store, gateway = inject(HOST_GATEWAY), session = inject(SessionStore)) {
      const key = computed((): HostKey | null => {
        const tenantId = session.selectedTenantId();
        const host = store.host();
        return tenantId === null || host === null ? null : { tenantId, host };
      });
      // Either changing drops what the previous host showed.
      store._listen('host', key, ({ tenantId, host }) => gateway.watchHost(tenantId, host), (doc) => {
        patchState(store, { doc });
        store._tick();
      });
    },
  }),
);
