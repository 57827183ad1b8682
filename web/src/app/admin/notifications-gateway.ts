import { inject, InjectionToken } from '@angular/core';
import { channelDoc, deliveryDoc, LIST_LIMITS, NOTIFICATION_LIMITS, paths, type ChannelDoc, type DeliveryDoc } from '@pulseboard/contracts';
import { limit, orderBy, query, where } from 'firebase/firestore';
import type { Observable } from 'rxjs';
import { LiveSnapshots, type Identified, type Live } from '../firebase/live-snapshots';

export type Channel = Identified<ChannelDoc>;
export type Delivery = Identified<DeliveryDoc>;

/** The notification listeners (admins only, by the rules), behind an interface so the store is unit-testable. */
export interface NotificationsGateway {
  watchChannels(tenantId: string): Observable<Live<readonly Channel[]>>;
  /** One channel's newest deliveries. */
  watchDeliveries(tenantId: string, channelId: string): Observable<Live<readonly Delivery[]>>;
}

class FirestoreNotificationsGateway implements NotificationsGateway {
  private readonly live = inject(LiveSnapshots);

  watchChannels(tenantId: string): Observable<Live<readonly Channel[]>> {
    return this.live.query(
      query(this.live.collectionRef(paths.channels(tenantId), channelDoc), orderBy('createdAt'), limit(NOTIFICATION_LIMITS.channelsPerTenant)),
    );
  }

  /** Index: deliveries (channelId, createdAt desc). */
  watchDeliveries(tenantId: string, channelId: string): Observable<Live<readonly Delivery[]>> {
    const newest = query(
      this.live.collectionRef(paths.deliveries(tenantId), deliveryDoc),
      where('channelId', '==', channelId),
      orderBy('createdAt', 'desc'),
      limit(LIST_LIMITS.deliveries),
    );
    return this.live.query(newest);
  }
}

export const NOTIFICATIONS_GATEWAY = new InjectionToken<NotificationsGateway>('NotificationsGateway', {
  providedIn: 'root',
  factory: () => new FirestoreNotificationsGateway(),
});
