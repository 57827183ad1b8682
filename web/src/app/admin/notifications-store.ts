import { computed, inject } from '@angular/core';
import { patchState, signalStore, withHooks, withMethods, withState } from '@ngrx/signals';
import type { ChannelSettings } from '@pulseboard/contracts';
import { Callables } from '../firebase/callables';
import { SessionStore } from '../session/session-store';
import { NOTIFICATIONS_GATEWAY, type Channel, type Delivery } from './notifications-gateway';
import { withAdminActions } from './with-admin-actions';

type NotificationsState = {
  channels: readonly Channel[];
  /** The channel whose deliveries are listed; null for none. */
  shownChannelId: string | null;
  deliveries: readonly Delivery[];
  /** The signing secret of the webhook just created: shown once, never stored or listed. */
  createdSecret: { label: string; secret: string } | null;
};

const initialState: NotificationsState = { channels: [], shownChannelId: null, deliveries: [], createdSecret: null };

/** The selected tenant's notification channels and one channel's deliveries (admins), changed through the callables. */
export const NotificationsStore = signalStore(
  withState(initialState),
  withAdminActions(),
  withMethods((store, callables = inject(Callables)) => ({
    /** Creates a channel (channelId null) or replaces one's settings. */
    save(channelId: string | null, channel: ChannelSettings): Promise<boolean> {
      return store._act(async (tenantId) => {
        const { secret } = await callables.saveNotificationChannel({ tenantId, channel, ...(channelId === null ? {} : { channelId }) });
        if (secret !== undefined) patchState(store, { createdSecret: { label: channel.label, secret } });
      });
    },
    remove(channelId: string): Promise<boolean> {
      return store._act(async (tenantId) => {
        await callables.deleteNotificationChannel({ tenantId, channelId });
        if (store.shownChannelId() === channelId) patchState(store, { shownChannelId: null });
      });
    },
    /** Sends a test and lists the channel's deliveries, where it shows up. */
    sendTest(channelId: string): Promise<boolean> {
      return store._act(async (tenantId) => {
        await callables.sendTestNotification({ tenantId, channelId });
        patchState(store, { shownChannelId: channelId });
      });
    },
    retry(deliveryId: string): Promise<boolean> {
      return store._act((tenantId) => callables.retryDelivery({ tenantId, deliveryId }));
    },
    showDeliveries(channelId: string | null): void {
      patchState(store, { shownChannelId: channelId });
    },
    /** The admin has kept the secret: it is not shown again. */
    forgetSecret(): void {
      patchState(store, { createdSecret: null });
    },
  })),
  withHooks({
    onInit(store, gateway = inject(NOTIFICATIONS_GATEWAY), session = inject(SessionStore)) {
      store._listenToTenant('channels', (tenantId) => gateway.watchChannels(tenantId), (channels) => patchState(store, channels === null ? initialState : { channels }));
      const shown = computed(() => {
        const tenantId = session.selectedTenantId();
        const channelId = store.shownChannelId();
        return tenantId === null || channelId === null ? null : { tenantId, channelId };
      });
      store._listen(
        'deliveries',
        shown,
        ({ tenantId, channelId }) => gateway.watchDeliveries(tenantId, channelId),
        (deliveries) => patchState(store, { deliveries: deliveries ?? [] }),
      );
    },
  }),
);
