import {
  ALERT_LEVELS,
  DELIVERY_KEEP_MS,
  deliveryId,
  type AlertDoc,
  type ChannelFilters,
  type DeliveryDoc,
  type NotificationTransition,
} from '@pulseboard/contracts';

/**
 * What one write of an alert document did to it, oldest first: a write can open and resolve an
 * alert at once (a breach inside one batch), or escalate and resolve it. Writes that change only
 * the value, the peak or the time are no transition. A deleted alert notifies nobody.
 */
export function alertTransitions(before: AlertDoc | null, after: AlertDoc | null): NotificationTransition[] {
  if (after === null) return [];
  const transitions: NotificationTransition[] = [];
  if (before === null) transitions.push('opened');
  if (before?.level === 'warning' && after.level === 'critical') transitions.push('escalated');
  if (after.state === 'acknowledged' && before?.state !== 'acknowledged') transitions.push('acknowledged');
  if (after.state === 'resolved' && before?.state !== 'resolved') transitions.push('resolved');
  return transitions;
}

const LEVEL_RANK = new Map(ALERT_LEVELS.map((level, rank) => [level, rank]));

/** Whether a channel's filters let this transition of this alert through. Empty lists mean "all". */
export function channelHears(filters: ChannelFilters, transition: NotificationTransition, alert: AlertDoc): boolean {
  return (
    filters.transitions.includes(transition) &&
    (LEVEL_RANK.get(alert.level) ?? 0) >= (LEVEL_RANK.get(filters.minLevel) ?? 0) &&
    (filters.hosts.length === 0 || filters.hosts.includes(alert.host)) &&
    (filters.metrics.length === 0 || filters.metrics.includes(alert.metric))
  );
}

export interface PlannedDelivery {
  id: string;
  doc: DeliveryDoc;
}

/** Every delivery one alert write owes: each transition to each enabled channel that hears it. */
export function planDeliveries(
  change: { alertId: string; before: AlertDoc | null; after: AlertDoc | null; now: number },
  channels: ReadonlyArray<{ id: string; filters: ChannelFilters }>,
): PlannedDelivery[] {
  const { alertId, after, now } = change;
  if (after === null) return [];
  return alertTransitions(change.before, after).flatMap((transition) =>
    channels
      .filter((channel) => channelHears(channel.filters, transition, after))
      .map((channel) => ({
        id: deliveryId(alertId, transition, after.level, channel.id),
        doc: newDelivery({ channelId: channel.id, alertId, transition, alert: after }, now),
      })),
  );
}

/** A delivery before its first attempt. */
export function newDelivery(what: Pick<DeliveryDoc, 'channelId' | 'alertId' | 'transition' | 'alert'>, now: number): DeliveryDoc {
  return {
    ...what,
    status: 'pending',
    attempts: 0,
    lastAnswerCode: null,
    reason: null,
    generation: 0,
    notBefore: null,
    leaseUntil: null,
    createdAt: now,
    updatedAt: now,
    sentAt: null,
    expiresAt: now + DELIVERY_KEEP_MS,
  };
}
