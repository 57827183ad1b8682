import { createHmac } from 'node:crypto';
import type { AlertDoc, DeliveryTransition, MailDoc } from '@pulseboard/contracts';

/** What every rendering of one delivery says. */
export interface NotificationFacts {
  tenantId: string;
  deliveryId: string;
  alertId: string;
  transition: DeliveryTransition;
  alert: AlertDoc;
  /** The app's base URL (the APP_URL parameter), without a trailing slash. */
  appUrl: string;
}

/** Where the alert is in the app. */
export function alertLink({ appUrl, tenantId, alertId }: Pick<NotificationFacts, 'appUrl' | 'tenantId' | 'alertId'>): string {
  const query = new URLSearchParams({ tenant: tenantId, alert: alertId });
  return `${appUrl.replace(/\/+$/, '')}/alerts?${query.toString()}`;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The signed webhook's JSON body (a public contract: extend, never break). */
export function webhookBody(facts: NotificationFacts): string {
  const { alert } = facts;
  return JSON.stringify({
    deliveryId: facts.deliveryId,
    tenantId: facts.tenantId,
    transition: facts.transition,
    alert: {
      id: facts.alertId,
      host: alert.host,
      metric: alert.metric,
      level: alert.level,
      state: alert.state,
      value: alert.lastValue,
      peak: alert.peak,
      threshold: alert.threshold,
      openedAt: iso(alert.openedAt),
      acknowledgedAt: iso(alert.acknowledgedAt),
      resolvedAt: iso(alert.resolvedAt),
      updatedAt: iso(alert.updatedAt),
      link: alertLink(facts),
    },
  });
}

const TRANSITION_WORDS: Record<DeliveryTransition, string> = {
  opened: 'opened',
  escalated: 'escalated to critical',
  acknowledged: 'acknowledged',
  resolved: 'resolved',
  reminder: 'still open and unacknowledged (reminder)',
  test: 'test notification',
};

/** One line for a human: `[critical] web-01 cpu opened: 97 (threshold 90)`. */
export function headline({ alert, transition }: Pick<NotificationFacts, 'alert' | 'transition'>): string {
  return `[${alert.level}] ${alert.host} ${alert.metric} ${TRANSITION_WORDS[transition]}: ${alert.lastValue} (threshold ${alert.threshold})`;
}

/** Slack's incoming-webhook body: `text` for notifications and clients without blocks, blocks for the rest. */
export function slackBody(facts: NotificationFacts): string {
  const { alert } = facts;
  const text = headline(facts);
  return JSON.stringify({
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${escapeSlack(text)}*` } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*State*\n${alert.state}` },
          { type: 'mrkdwn', text: `*Peak*\n${alert.peak}` },
          { type: 'mrkdwn', text: `*Opened*\n${iso(alert.openedAt) ?? ''}` },
          { type: 'mrkdwn', text: `*Tenant*\n${escapeSlack(facts.tenantId)}` },
        ],
      },
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Pulseboard' }, url: alertLink(facts) }] },
    ],
  });
}

/** Slack's mrkdwn treats &, < and > as markup. */
function escapeSlack(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function escapeHtml(text: string): string {
  return escapeSlack(text).replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** The "Trigger Email from Firestore" extension's `mail` document. */
export function mailMessage(facts: NotificationFacts, to: readonly string[]): MailDoc {
  const subject = `Pulseboard: ${headline(facts)}`;
  const link = alertLink(facts);
  const text = `${headline(facts)}\n\nTenant: ${facts.tenantId}\nState: ${facts.alert.state}\nOpened: ${iso(facts.alert.openedAt)}\n\n${link}\n`;
  const html =
    `<p><strong>${escapeHtml(headline(facts))}</strong></p>` +
    `<p>Tenant: ${escapeHtml(facts.tenantId)}<br>State: ${escapeHtml(facts.alert.state)}<br>Opened: ${iso(facts.alert.openedAt)}</p>` +
    `<p><a href="${escapeHtml(link)}">Open in Pulseboard</a></p>`;
  return { to: [...to], message: { subject, text, html } };
}

/**
 * `X-Pulseboard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (a public
 * contract): the time inside the signed text lets a receiver refuse a replayed request.
 */
export function webhookSignature(secret: string, unixSeconds: number, body: string): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}
