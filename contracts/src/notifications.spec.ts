import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ALERT_LEVELS } from './thresholds';
import { channelSettings, deliveryId, NOTIFICATION_LIMITS, NOTIFICATION_TRANSITIONS, reminderDeliveryId, testDeliveryId } from './notifications';

/** Names built of the id's own separators and words, where a careless encoding would collide. */
const fragment = fc.constantFrom('a', '_', '1', '.', ':', '-', ...NOTIFICATION_TRANSITIONS, ...ALERT_LEVELS);
const name = fc.array(fragment, { minLength: 0, maxLength: 8 }).map((tail) => `h${tail.join('')}`);
/** Alert ids as evaluate-alert builds them, with `_` and digits inside host and metric. */
const alertIdOf = fc.tuple(name, name, fc.nat()).map(([host, metric, start]) => `${host.length}.${host}_${metric}_${start}`);
const parts = fc.tuple(alertIdOf, fc.constantFrom(...NOTIFICATION_TRANSITIONS), fc.constantFrom(...ALERT_LEVELS), name);

describe('delivery ids', () => {
  it('are injective: two different (alert, transition, level, channel) never share an id', () => {
    fc.assert(
      fc.property(parts, parts, (a, b) => {
        fc.pre(a.join('\u0000') !== b.join('\u0000'));
        expect(deliveryId(...a)).not.toBe(deliveryId(...b));
      }),
      { numRuns: 5_000 },
    );
  });

  it('tell apart a metric that swallows a transition from a channel that does', () => {
    // Without the alert id's length in front, both read `1.h_m_0_opened_warning_c_5_resolved_critical_z`.
    const swallowedByChannel = deliveryId('1.h_m_0', 'opened', 'warning', 'c_5_resolved_critical_z');
    const swallowedByMetric = deliveryId('1.h_m_0_opened_warning_c_5', 'resolved', 'critical', 'z');
    expect(swallowedByChannel).not.toBe(swallowedByMetric);
  });

  it('of reminders are injective and never equal a transition delivery id', () => {
    const reminder = fc.tuple(alertIdOf, fc.integer({ min: 1, max: 10_000 }), name);
    fc.assert(
      fc.property(reminder, reminder, parts, (a, b, transition) => {
        fc.pre(a.join('\u0000') !== b.join('\u0000'));
        expect(reminderDeliveryId(...a)).not.toBe(reminderDeliveryId(...b));
        expect(reminderDeliveryId(...a)).not.toBe(deliveryId(...transition));
      }),
      { numRuns: 5_000 },
    );
  });

  it('of a test never equals an alert delivery id', () => {
    fc.assert(
      fc.property(parts, name, name, (a, nonce, channel) => {
        expect(testDeliveryId(nonce, channel)).not.toBe(deliveryId(...a));
      }),
    );
  });

  it('hold no `/`, so each is one Firestore document id', () => {
    fc.assert(
      fc.property(parts, (a) => {
        expect(deliveryId(...a)).not.toContain('/');
      }),
    );
  });
});

describe('channel settings', () => {
  const webhook = { type: 'webhook', label: 'ops', url: 'https://hooks.example.com/pulse' };

  it('fill the filters with "everything from warning up", and re-notify off', () => {
    expect(channelSettings.parse(webhook)).toEqual({
      ...webhook,
      minLevel: 'warning',
      transitions: [...NOTIFICATION_TRANSITIONS],
      hosts: [],
      metrics: [],
      enabled: true,
      renotifyEveryMinutes: null,
    });
  });

  it.each([
    ['plain http to a remote host', { ...webhook, url: 'http://hooks.example.com/' }],
    ['credentials in the URL', { ...webhook, url: 'https://user:pw@hooks.example.com/' }],
    ['another scheme', { ...webhook, url: 'ftp://hooks.example.com/' }],
    ['an unknown type', { ...webhook, type: 'pager' }],
    ['an email channel without recipients', { type: 'email', label: 'ops', to: [] }],
    ['a repeated recipient', { type: 'email', label: 'ops', to: ['a@b.test', 'a@b.test'] }],
    ['too many recipients', { type: 'email', label: 'ops', to: Array.from({ length: NOTIFICATION_LIMITS.recipientsPerChannel + 1 }, (_, i) => `u${i}@b.test`) }],
    ['too many hosts', { ...webhook, hosts: Array.from({ length: NOTIFICATION_LIMITS.hostsPerFilter + 1 }, (_, i) => `h${i}`) }],
    ['no transitions', { ...webhook, transitions: [] }],
    ['an unknown field', { ...webhook, extra: 1 }],
    ['a host that is no id', { ...webhook, hosts: ['../x'] }],
    ['a re-notify period under the least', { ...webhook, renotifyEveryMinutes: NOTIFICATION_LIMITS.renotifyMinutesMin - 1 }],
    ['a re-notify period over a day', { ...webhook, renotifyEveryMinutes: NOTIFICATION_LIMITS.renotifyMinutesMax + 1 }],
    ['a re-notify period in fractions', { ...webhook, renotifyEveryMinutes: 7.5 }],
  ])('refuse %s', (_name, value) => {
    expect(channelSettings.safeParse(value).success).toBe(false);
  });

  it('accept plain http to this machine (the local receivers)', () => {
    expect(channelSettings.safeParse({ ...webhook, url: 'http://127.0.0.1:8099/hook' }).success).toBe(true);
  });
});
