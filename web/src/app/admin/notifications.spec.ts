import { TestBed } from '@angular/core/testing';
import type { SaveNotificationChannelRequest } from '@pulseboard/contracts';
import { of } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { Callables } from '../firebase/callables';
import { AUTH_GATEWAY } from '../session/auth-gateway';
import { asLive, FakeAuthGateway } from '../testing/fake-gateways';
import { NOTIFICATIONS_GATEWAY } from './notifications-gateway';
import { Notifications } from './notifications';

const SECRET = 'c'.repeat(64);

describe('Notifications', () => {
  let saved: SaveNotificationChannelRequest[];

  beforeEach(() => {
    localStorage.clear();
    saved = [];
    const auth = new FakeAuthGateway();
    TestBed.configureTestingModule({
      providers: [
        { provide: AUTH_GATEWAY, useValue: auth },
        {
          provide: Callables,
          useValue: {
            saveNotificationChannel: async (request: SaveNotificationChannelRequest) => {
              saved.push(request);
              return { channelId: 'channel-1', secret: SECRET };
            },
          },
        },
        { provide: NOTIFICATIONS_GATEWAY, useValue: { watchChannels: () => asLive(of([])), watchDeliveries: () => asLive(of([])) } },
      ],
    });
    auth.signInAs({ acme: 'admin' });
  });

  async function fill(fields: Record<string, string>) {
    const fixture = TestBed.createComponent(Notifications);
    await fixture.whenStable();
    const page: HTMLElement = fixture.nativeElement;
    for (const [name, value] of Object.entries(fields)) {
      const input = page.querySelector<HTMLInputElement>(`[formControlName="${name}"]`);
      if (!input) throw new Error(`no ${name} field`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    page.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
    fixture.detectChanges();
    return page;
  }

  it("sends the channel the form describes and shows the webhook's secret once", async () => {
    const page = await fill({ label: 'ops', target: 'https://hooks.example.com/x', hosts: 'web-01, db-01' });
    expect(saved).toEqual([
      {
        tenantId: 'acme',
        channel: {
          type: 'webhook',
          label: 'ops',
          url: 'https://hooks.example.com/x',
          minLevel: 'warning',
          transitions: ['opened', 'escalated', 'acknowledged', 'resolved'],
          hosts: ['web-01', 'db-01'],
          metrics: [],
          enabled: true,
          renotifyEveryMinutes: null,
        },
      },
    ]);
    expect(page.querySelector('[data-testid="channel-secret"]')?.textContent).toContain(SECRET);
  });

  it('sends a re-notify period as minutes', async () => {
    await fill({ label: 'ops', target: 'https://hooks.example.com/x', renotifyEveryMinutes: ' 15 ' });
    expect(saved.map(({ channel }) => channel.renotifyEveryMinutes)).toEqual([15]);
  });

  it('refuses a re-notify period below the limit, and calls nothing', async () => {
    const page = await fill({ label: 'ops', target: 'https://hooks.example.com/x', renotifyEveryMinutes: '1' });
    expect(saved).toEqual([]);
    expect(page.querySelector('[data-testid="channel-failure"]')?.textContent).toContain('renotifyEveryMinutes');
  });

  it("refuses a channel the contract refuses, saying why, and calls nothing", async () => {
    const page = await fill({ label: 'ops', target: 'http://hooks.example.com/x' });
    expect(saved).toEqual([]);
    expect(page.querySelector('[data-testid="channel-failure"]')?.textContent).toContain('https URL');
  });
});
