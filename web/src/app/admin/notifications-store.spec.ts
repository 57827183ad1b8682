import { TestBed } from '@angular/core/testing';
import { FirebaseError } from 'firebase/app';
import type { ChannelSettings, DeleteNotificationChannelRequest, RetryDeliveryRequest, SaveNotificationChannelRequest } from '@pulseboard/contracts';
import { Subject } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { Callables } from '../firebase/callables';
import { AUTH_GATEWAY } from '../session/auth-gateway';
import { asLive, FakeAuthGateway } from '../testing/fake-gateways';
import { NOTIFICATIONS_GATEWAY, type Channel, type Delivery } from './notifications-gateway';
import { NotificationsStore } from './notifications-store';

const SECRET = 'a'.repeat(64);
const WEBHOOK: ChannelSettings = {
  type: 'webhook',
  label: 'ops',
  url: 'https://hooks.example.com/',
  renotifyEveryMinutes: null,
  minLevel: 'warning',
  transitions: ['opened'],
  hosts: [],
  metrics: [],
  enabled: true,
};

class FakeNotificationCallables {
  readonly saved: SaveNotificationChannelRequest[] = [];
  readonly deleted: DeleteNotificationChannelRequest[] = [];
  readonly tested: DeleteNotificationChannelRequest[] = [];
  readonly retried: RetryDeliveryRequest[] = [];
  refusal: Error | null = null;

  async saveNotificationChannel(request: SaveNotificationChannelRequest) {
    if (this.refusal) throw this.refusal;
    this.saved.push(request);
    return request.channelId === undefined ? { channelId: 'channel-1', secret: SECRET } : { channelId: request.channelId };
  }

  async deleteNotificationChannel(request: DeleteNotificationChannelRequest) {
    this.deleted.push(request);
  }

  async sendTestNotification(request: DeleteNotificationChannelRequest) {
    this.tested.push(request);
    return { deliveryId: 'test.1_channel-1' };
  }

  async retryDelivery(request: RetryDeliveryRequest) {
    this.retried.push(request);
  }
}

describe('NotificationsStore', () => {
  let auth: FakeAuthGateway;
  let callables: FakeNotificationCallables;
  let channels: Subject<readonly Channel[]>;
  let deliveries: Map<string, Subject<readonly Delivery[]>>;

  beforeEach(() => {
    localStorage.clear();
    auth = new FakeAuthGateway();
    callables = new FakeNotificationCallables();
    channels = new Subject();
    deliveries = new Map();
    const deliveriesOf = (tenantId: string, channelId: string) => {
      const key = `${tenantId}/${channelId}`;
      const subject = deliveries.get(key) ?? new Subject<readonly Delivery[]>();
      deliveries.set(key, subject);
      return asLive(subject);
    };
    TestBed.configureTestingModule({
      providers: [
        NotificationsStore,
        { provide: AUTH_GATEWAY, useValue: auth },
        { provide: Callables, useValue: callables },
        { provide: NOTIFICATIONS_GATEWAY, useValue: { watchChannels: () => asLive(channels), watchDeliveries: deliveriesOf } },
      ],
    });
    auth.signInAs({ acme: 'admin' });
  });

  it('creates a webhook for the selected tenant and holds its secret until the admin dismisses it; an edit shows none', async () => {
    const store = TestBed.inject(NotificationsStore);
    await store.save(null, WEBHOOK);
    expect(callables.saved).toEqual([{ tenantId: 'acme', channel: WEBHOOK }]);
    expect(store.createdSecret()).toEqual({ label: 'ops', secret: SECRET });
    store.forgetSecret();
    await store.save('channel-1', { ...WEBHOOK, label: 'renamed' });
    expect(callables.saved[1]).toEqual({ tenantId: 'acme', channelId: 'channel-1', channel: { ...WEBHOOK, label: 'renamed' } });
    expect(store.createdSecret()).toBeNull();
  });

  it("lists the shown channel's deliveries, and none once no channel is shown", () => {
    const store = TestBed.inject(NotificationsStore);
    TestBed.tick();
    store.showDeliveries('channel-1');
    TestBed.tick();
    const delivery = { id: 'd-1', status: 'failed' } as Delivery;
    deliveries.get('acme/channel-1')?.next([delivery]);
    expect(store.deliveries()).toEqual([delivery]);
    store.showDeliveries(null);
    TestBed.tick();
    expect(store.deliveries()).toEqual([]);
  });

  it('a test shows the channel its deliveries; retry and delete name the selected tenant', async () => {
    const store = TestBed.inject(NotificationsStore);
    await store.sendTest('channel-1');
    expect(callables.tested).toEqual([{ tenantId: 'acme', channelId: 'channel-1' }]);
    expect(store.shownChannelId()).toBe('channel-1');
    await store.retry('d-1');
    expect(callables.retried).toEqual([{ tenantId: 'acme', deliveryId: 'd-1' }]);
    await store.remove('channel-1');
    expect(callables.deleted).toEqual([{ tenantId: 'acme', channelId: 'channel-1' }]);
    expect(store.shownChannelId()).toBeNull();
  });

  it("says the function's reason when it refuses", async () => {
    const store = TestBed.inject(NotificationsStore);
    callables.refusal = new FirebaseError('functions/failed-precondition', 'acme has 20 notification channels, the most a tenant may have; delete one first.');
    expect(await store.save(null, WEBHOOK)).toBe(false);
    expect(store.failure()).toBe('acme has 20 notification channels, the most a tenant may have; delete one first.');
  });
});
