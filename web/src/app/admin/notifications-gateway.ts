import { inject, Injectable } from '@angular/core';
import { channelDoc, deliveryDoc, LIST_LIMITS, NOTIFICATION_LIMITS, paths, type ChannelDoc, type DeliveryDoc } from '@pulseboard/contracts';
import { limit, orderBy, query, where } from 'firebase/firestore';
import { map, type Observable } from 'rxjs';
import { LiveSnapshots, type Identified } from '../firebase/live-snapshots';

export type Channel = Identified<ChannelDoc>;
export type Delivery = Identified<DeliveryDoc>;

/** The notification listeners (admins only, by the rules), behind one class so the store is unit-testable. */
@Injectable({ providedIn: 'root' })
export class NotificationsGateway {
  private readonly live = inject(LiveSnapshots);

  channels$(tenantId: string): Observable<readonly Channel[]> {
    const all = query(this.live.collectionRef(paths.channels(tenantId), channelDoc), orderBy('createdAt'), limit(NOTIFICATION_LIMITS.channelsPerTenant));
    return this.live.query(all).pipe(map((channels) => channels.value));
  }

  /** One channel's newest deliveries (index: deliveries (channelId, createdAt desc)). */
  deliveries$(tenantId: string, channelId: string): Observable<readonly Delivery[]> {
    const newest = query(
      this.live.collectionRef(paths.deliveries(tenantId), deliveryDoc),
      where('channelId', '==', channelId),
      orderBy('createdAt', 'desc'),
      limit(LIST_LIMITS.deliveries),
    );
    return this.live.query(newest).pipe(map((deliveries) => deliveries.value));
  }
}
