import * as z from 'zod';
import { epochMs } from './time';
import { safeId, tenantId } from './ids';
import { alertDoc, alertLevel } from './documents';

/** How far an alert moved: each of these, per matching channel, is one delivery. */
export const NOTIFICATION_TRANSITIONS = ['opened', 'escalated', 'acknowledged', 'resolved'] as const;
export const notificationTransition = z.enum(NOTIFICATION_TRANSITIONS);
export type NotificationTransition = z.infer<typeof notificationTransition>;

/**
 * What a delivery carries: an alert's transition, a reminder that a critical alert is still open
 * and unacknowledged (a channel's re-notify setting), or an admin's "send test".
 */
export const deliveryTransition = z.union([notificationTransition, z.literal('reminder'), z.literal('test')]);
export type DeliveryTransition = z.infer<typeof deliveryTransition>;

export const CHANNEL_TYPES = ['webhook', 'slack', 'email'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/**
 * Limits of the notification documents (docs/DATA-MODEL.md): the alert trigger reads every
 * enabled channel of the tenant in one query, so a tenant's channels are bounded, and so is every
 * list a channel holds.
 */
export const NOTIFICATION_LIMITS = {
  channelsPerTenant: 20,
  recipientsPerChannel: 10,
  hostsPerFilter: 50,
  metricsPerFilter: 50,
  urlLength: 2_048,
  labelLength: 100,
  /** Re-notify periods: at most one reminder per alert and channel every 5 minutes, at least one a day. */
  renotifyMinutesMin: 5,
  renotifyMinutesMax: 1_440,
  /** Open critical alerts one sweep reminds of per tenant; the oldest wait for the next minute. */
  remindersAlertsPerSweep: 200,
} as const;

/**
 * A receiver's URL: https, or http to this machine only (the emulator suite's local receivers).
 * Anything else (ftp, credentials in the URL, plain http to a remote host) is refused.
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
export const receiverUrl = z
  .url({ protocol: /^https?$/ })
  .max(NOTIFICATION_LIMITS.urlLength)
  .refine((value) => {
    const url = new URL(value);
    return url.username === '' && url.password === '' && (url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname));
  }, 'must be an https URL without credentials (plain http only to 127.0.0.1 or localhost)');

function distinctList<T extends z.ZodType>(item: T, max: number) {
  return z
    .array(item)
    .max(max)
    .refine((list) => new Set(list).size === list.length, 'must not repeat an entry');
}

/** Which alerts a channel hears of. Empty host or metric lists mean every host or metric. */
const channelFilters = {
  label: z.string().trim().min(1).max(NOTIFICATION_LIMITS.labelLength),
  /** The least level that notifies: `warning` hears both levels, `critical` only critical alerts. */
  minLevel: alertLevel.default('warning'),
  transitions: distinctList(notificationTransition, NOTIFICATION_TRANSITIONS.length).min(1).default([...NOTIFICATION_TRANSITIONS]),
  hosts: distinctList(safeId, NOTIFICATION_LIMITS.hostsPerFilter).default([]),
  metrics: distinctList(safeId, NOTIFICATION_LIMITS.metricsPerFilter).default([]),
  enabled: z.boolean().default(true),
  /**
   * Off (null) by default: else a critical alert still open (not acknowledged) is sent again every
   * this many minutes since it opened, as a `reminder` delivery.
   */
  renotifyEveryMinutes: z
    .number()
    .int()
    .min(NOTIFICATION_LIMITS.renotifyMinutesMin)
    .max(NOTIFICATION_LIMITS.renotifyMinutesMax)
    .nullable()
    .default(null),
};

const channelTargets = {
  webhook: { type: z.literal('webhook'), url: receiverUrl },
  slack: { type: z.literal('slack'), url: receiverUrl },
  email: { type: z.literal('email'), to: distinctList(z.email().max(254), NOTIFICATION_LIMITS.recipientsPerChannel).min(1) },
};

/**
 * A channel as an admin writes it (a public contract: saveNotificationChannel's `channel`): a
 * signed JSON webhook, a Slack-compatible incoming webhook, or email through the "Trigger Email
 * from Firestore" extension's `mail` collection.
 */
export const channelSettings = z.discriminatedUnion('type', [
  z.strictObject({ ...channelTargets.webhook, ...channelFilters }),
  z.strictObject({ ...channelTargets.slack, ...channelFilters }),
  z.strictObject({ ...channelTargets.email, ...channelFilters }),
]);
export type ChannelSettings = z.infer<typeof channelSettings>;
export type ChannelFilters = Pick<ChannelSettings, 'minLevel' | 'transitions' | 'hosts' | 'metrics'>;
export type ChannelReminders = ChannelFilters & Pick<ChannelSettings, 'renotifyEveryMinutes'>;

const channelMeta = { createdAt: epochMs, updatedAt: epochMs, updatedBy: z.string() };

/** tenants/{t}/channels/{channelId}: readable by the tenant's admins, written only by the callables. */
export const channelDoc = z.discriminatedUnion('type', [
  z.object({ ...channelTargets.webhook, ...channelFilters, ...channelMeta }),
  z.object({ ...channelTargets.slack, ...channelFilters, ...channelMeta }),
  z.object({ ...channelTargets.email, ...channelFilters, ...channelMeta }),
]);
export type ChannelDoc = z.infer<typeof channelDoc>;

/** channelSecrets/{tenant}_{channel}: the webhook's HMAC key. Server only: no client reads or writes it. */
export const channelSecretDoc = z.object({ secret: z.string().regex(/^[0-9a-f]{64}$/), createdAt: epochMs });
export type ChannelSecretDoc = z.infer<typeof channelSecretDoc>;

/** 32 random bytes, hex: the key a receiver verifies signatures with. Web Crypto, so any runtime can mint one. */
export function newChannelSecret(): string {
  return Array.from(globalThis.crypto.getRandomValues(new Uint8Array(32)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export const DELIVERY_STATUSES = ['pending', 'retrying', 'sent', 'failed'] as const;
export const deliveryStatus = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof deliveryStatus>;

/** The longest reason a delivery keeps for its last failure. */
export const DELIVERY_REASON_MAX = 300;

/**
 * How long a delivery stays in the log after it was created: Firestore's TTL policy on
 * `expiresAt` (firestore.indexes.json) deletes it after that, so the log does not grow forever.
 */
export const DELIVERY_KEEP_MS = 30 * 86_400_000;

/**
 * tenants/{t}/deliveries/{deliveryId}: one transition of one alert to one channel, written only by
 * functions. It keeps the alert as it was at the transition, so every retry sends the same body.
 */
export const deliveryDoc = z.object({
  channelId: safeId,
  alertId: z.string().min(1).max(300),
  transition: deliveryTransition,
  alert: alertDoc,
  status: deliveryStatus,
  /** Attempts made so far (each claims the delivery before it sends). */
  attempts: z.number().int().nonnegative(),
  /** The receiver's last HTTP status; null before an answer or when none came (timeout, network). */
  lastAnswerCode: z.number().int().nullable(),
  reason: z.string().max(DELIVERY_REASON_MAX).nullable(),
  /** Bumped by retryDelivery: each generation is its own Cloud Tasks task id. */
  generation: z.number().int().nonnegative(),
  /** A Retry-After: no attempt before this time. */
  notBefore: epochMs.nullable(),
  /** An attempt in flight until this time: a concurrent duplicate task waits instead of sending twice. */
  leaseUntil: epochMs.nullable(),
  createdAt: epochMs,
  updatedAt: epochMs,
  sentAt: epochMs.nullable(),
  /** createdAt + DELIVERY_KEEP_MS; stored as a Firestore Timestamp, which Firestore's TTL deletes after. */
  expiresAt: epochMs,
});
export type DeliveryDoc = z.infer<typeof deliveryDoc>;

/**
 * Deterministic and injective, like alert ids: the alert id goes first behind its length (it may
 * hold `_`), the transition and level come from enums without `_`, and the channel id is the rest.
 * A redelivered trigger names the same delivery, so create-if-absent makes it exactly one.
 */
export function deliveryId(alertId: string, transition: NotificationTransition, level: z.infer<typeof alertLevel>, channelId: string): string {
  return `${alertId.length}.${alertId}_${transition}_${level}_${channelId}`;
}

/**
 * The `sequence`th reminder of an alert to a channel (1 = one period after it opened): the same id
 * whenever a sweep plans it again, so a rerun sends nothing twice. `reminder.<n>` holds no `_`,
 * so the id stays injective beside deliveryId's.
 */
export function reminderDeliveryId(alertId: string, sequence: number, channelId: string): string {
  return `${alertId.length}.${alertId}_reminder.${sequence}_critical_${channelId}`;
}

/** A test delivery: never a number first, so it cannot equal an alert's delivery id. */
export function testDeliveryId(nonce: string, channelId: string): string {
  return `test.${nonce}_${channelId}`;
}

const deliveryIdField = z.string().min(1).max(500);

/** The task a delivery dispatches as: the payload of the deliverNotification queue. */
export const deliveryTask = z.strictObject({ tenantId, deliveryId: deliveryIdField, generation: z.number().int().nonnegative() });
export type DeliveryTask = z.infer<typeof deliveryTask>;

/** mail/{id}: the "Trigger Email from Firestore" extension's document. */
export const mailDoc = z.object({
  to: z.array(z.email()).min(1),
  message: z.object({ subject: z.string(), text: z.string(), html: z.string() }),
});
export type MailDoc = z.infer<typeof mailDoc>;

/** saveNotificationChannel callable (a public contract): no channelId creates, a channelId replaces. */
export const saveNotificationChannelRequest = z.strictObject({ tenantId, channelId: safeId.optional(), channel: channelSettings });
export type SaveNotificationChannelRequest = z.infer<typeof saveNotificationChannelRequest>;
/** `secret` only when the channel became a webhook: the one time it is ever shown. */
export const saveNotificationChannelResponse = z.object({ channelId: safeId, secret: z.string().optional() });
export type SaveNotificationChannelResponse = z.infer<typeof saveNotificationChannelResponse>;

/** deleteNotificationChannel callable (a public contract). */
export const deleteNotificationChannelRequest = z.strictObject({ tenantId, channelId: safeId });
export type DeleteNotificationChannelRequest = z.infer<typeof deleteNotificationChannelRequest>;

/** sendTestNotification callable: one test delivery to the channel, through the same queue. */
export const sendTestNotificationRequest = deleteNotificationChannelRequest;
export type SendTestNotificationRequest = DeleteNotificationChannelRequest;
export const sendTestNotificationResponse = z.object({ deliveryId: z.string() });
export type SendTestNotificationResponse = z.infer<typeof sendTestNotificationResponse>;

/** retryDelivery callable: a failed delivery is sent again, as a new generation. */
export const retryDeliveryRequest = z.strictObject({ tenantId, deliveryId: deliveryIdField });
export type RetryDeliveryRequest = z.infer<typeof retryDeliveryRequest>;

/** The webhook headers (a public contract). */
export const SIGNATURE_HEADER = 'X-Pulseboard-Signature';
export const DELIVERY_HEADER = 'X-Pulseboard-Delivery';
/** How old a signed request a receiver should still accept (README, "Verifying webhooks"). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
