import { reminderDeliveryId, type AlertDoc, type ChannelReminders } from '@pulseboard/contracts';
import { channelHears, newDelivery, type PlannedDelivery } from './plan-deliveries';

/** Which reminder is due at `at`: the number of whole periods since the alert opened. */
function sequenceAt(alert: AlertDoc, periodMs: number, at: number): number {
  return Math.floor((at - alert.openedAt) / periodMs);
}

/**
 * The reminders one sweep owes: a critical alert still open (not acknowledged, not resolved) is
 * sent again to each enabled channel with a re-notify period that heard it open, once for every
 * period boundary it crossed in (since, now]. A sweep that missed minutes sends only the latest
 * reminder; a rerun over the same interval plans the same ids, which exist, so it sends nothing twice.
 */
export function planReminders(
  sweep: { since: number; now: number },
  alerts: ReadonlyArray<{ id: string; doc: AlertDoc }>,
  channels: ReadonlyArray<{ id: string; reminders: ChannelReminders }>,
): PlannedDelivery[] {
  const { since, now } = sweep;
  return alerts
    .filter(({ doc }) => doc.state === 'open' && doc.level === 'critical')
    .flatMap((alert) =>
      channels.flatMap(({ id: channelId, reminders }) => {
        if (reminders.renotifyEveryMinutes === null || !channelHears(reminders, 'opened', alert.doc)) return [];
        const periodMs = reminders.renotifyEveryMinutes * 60_000;
        const sequence = sequenceAt(alert.doc, periodMs, now);
        if (sequence < 1 || sequence <= sequenceAt(alert.doc, periodMs, since)) return [];
        return [
          {
            id: reminderDeliveryId(alert.id, sequence, channelId),
            doc: newDelivery({ channelId, alertId: alert.id, transition: 'reminder', alert: alert.doc }, now),
          },
        ];
      }),
    );
}
