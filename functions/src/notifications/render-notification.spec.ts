import { describe, expect, it } from 'vitest';
import { mailDoc, type AlertDoc } from '@pulseboard/contracts';
import { alertLink, headline, mailMessage, slackBody, webhookBody, webhookSignature, type NotificationFacts } from './render-notification';

const alert: AlertDoc = {
  host: 'web-01',
  metric: 'cpu',
  level: 'critical',
  state: 'open',
  threshold: 95,
  peak: 97.5,
  lastValue: 97,
  openedAt: Date.UTC(2026, 11, 2, 12),
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: null,
  updatedAt: Date.UTC(2026, 11, 2, 12, 1),
};
const facts: NotificationFacts = {
  tenantId: 'acme',
  deliveryId: '17.6.web-01_cpu_1_opened_critical_ops',
  alertId: '6.web-01_cpu_1',
  transition: 'opened',
  alert,
  appUrl: 'https://pulse.example.com/',
};

describe('notification renderings', () => {
  it('the webhook body names the tenant, the alert, its values, times and link', () => {
    expect(JSON.parse(webhookBody(facts))).toEqual({
      deliveryId: facts.deliveryId,
      tenantId: 'acme',
      transition: 'opened',
      alert: {
        id: '6.web-01_cpu_1',
        host: 'web-01',
        metric: 'cpu',
        level: 'critical',
        state: 'open',
        value: 97,
        peak: 97.5,
        threshold: 95,
        openedAt: '2026-12-02T12:00:00.000Z',
        acknowledgedAt: null,
        resolvedAt: null,
        updatedAt: '2026-12-02T12:01:00.000Z',
        link: 'https://pulse.example.com/alerts?tenant=acme&alert=6.web-01_cpu_1',
      },
    });
  });

  it('the link escapes what it carries', () => {
    expect(alertLink({ appUrl: 'http://127.0.0.1:5000', tenantId: 'a', alertId: '3.a&b_c_1' })).toBe('http://127.0.0.1:5000/alerts?tenant=a&alert=3.a%26b_c_1');
  });

  it('the Slack body has text and blocks, with markup escaped', () => {
    const body = JSON.parse(slackBody({ ...facts, alert: { ...alert, host: 'a<b>' } }));
    expect(body.text).toBe('[critical] a<b> cpu opened: 97 (threshold 95)');
    expect(body.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*[critical] a&lt;b&gt; cpu opened: 97 (threshold 95)*' } });
    expect(JSON.stringify(body.blocks)).toContain('https://pulse.example.com/alerts?tenant=acme');
  });

  it('the mail document is what the Trigger Email extension reads, its HTML escaped', () => {
    const mail = mailDoc.parse(mailMessage({ ...facts, transition: 'escalated', alert: { ...alert, metric: '<img>' } }, ['ops@acme.test']));
    expect(mail.to).toEqual(['ops@acme.test']);
    expect(mail.message.subject).toBe('Pulseboard: [critical] web-01 <img> escalated to critical: 97 (threshold 95)');
    expect(mail.message.html).not.toContain('<img>');
    expect(mail.message.html).toContain('&lt;img&gt;');
    expect(mail.message.text).toContain('https://pulse.example.com/alerts?tenant=acme');
  });

  it('a test notification says so', () => {
    expect(headline({ alert, transition: 'test' })).toContain('test notification');
  });
});

describe('the webhook signature', () => {
  it('is HMAC-SHA256 over "<t>.<body>" in hex (the value openssl computes)', () => {
    // printf '%s' '1795400000.{"a":1}' | openssl dgst -sha256 -hmac 'k3y'
    expect(webhookSignature('k3y', 1795400000, '{"a":1}')).toBe('t=1795400000,v1=26d513901335267037eaaf0c38ef7c34112114d19d42ec0ba858de6d659ba17e');
  });

  it('changes with the time, the body and the secret', () => {
    const base = webhookSignature('k3y', 1, 'b');
    expect(webhookSignature('k3y', 2, 'b')).not.toBe(base);
    expect(webhookSignature('k3y', 1, 'c')).not.toBe(base);
    expect(webhookSignature('k3z', 1, 'b')).not.toBe(base);
  });
});
