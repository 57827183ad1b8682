import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  paths,
  saveNotificationChannelResponse,
  type SaveNotificationChannelRequest,
} from '@pulseboard/contracts';
import { httpsCallable } from 'firebase/functions';
import { verifySignature, type ReceivedRequest } from '../../testkit/webhook-receiver';
import { adminDb } from '../../testkit/admin';
import type { WebClient } from '../../testkit/web-client';

/** Where `npm start` listens for the demo tenant's webhook notifications (README, "Notifications"). */
export const DEMO_WEBHOOK_PORT = 9510;

const demoWebhook = z.object({ channelId: z.string(), secret: z.string() });
export type DemoWebhook = z.infer<typeof demoWebhook>;

/** Where seed leaves the demo channel's id and signing secret for the receiver (gitignored). */
export function demoWebhookFile(repoRoot: string): string {
  return join(repoRoot, '.cache', 'demo-webhook.json');
}

export function readDemoWebhook(file: string): DemoWebhook | null {
  if (!existsSync(file)) return null;
  const parsed = demoWebhook.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : null;
}

/**
 * The demo tenant's webhook channel to the local receiver, created through the real
 * saveNotificationChannel callable as an admin in the UI would (its secret is answered once, so
 * seed keeps it in a file). Kept when seed runs again and the channel is still there.
 */
export async function seedDemoWebhook(admin: WebClient, tenantId: string, file: string): Promise<DemoWebhook> {
  const previous = readDemoWebhook(file);
  if (previous !== null && (await adminDb.doc(paths.channel(tenantId, previous.channelId)).get()).exists) return previous;
  const save = httpsCallable<SaveNotificationChannelRequest, unknown>(admin.functions, 'saveNotificationChannel');
  const { data } = await save({
    tenantId,
    channel: {
      type: 'webhook',
      url: `http://127.0.0.1:${DEMO_WEBHOOK_PORT}/hook`,
      label: 'Demo receiver (npm start)',
      minLevel: 'warning',
      transitions: ['opened', 'escalated', 'acknowledged', 'resolved'],
      hosts: [],
      metrics: [],
      enabled: true,
      // Shows re-notify in the demo: a critical alert left open is sent again every 10 minutes.
      renotifyEveryMinutes: 10,
    },
  });
  const { channelId, secret } = saveNotificationChannelResponse.parse(data);
  if (secret === undefined) throw new Error('saveNotificationChannel answered no secret for a new webhook channel');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ channelId, secret }), { mode: 0o600 });
  return { channelId, secret };
}

const printedBody = z.object({
  transition: z.string(),
  alert: z.object({ host: z.string(), metric: z.string(), level: z.string(), value: z.number() }),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One console line for a notification the demo receiver got, with whether its signature verifies. */
export function describeDemoDelivery(request: ReceivedRequest, secret: string): string {
  const header = (name: string) => [request.headers[name.toLowerCase()]].flat()[0];
  const verified = verifySignature(header(SIGNATURE_HEADER), request.body, secret) ? 'signature verified' : 'BAD SIGNATURE';
  const body = printedBody.safeParse(parseJson(request.body));
  const what = body.success
    ? `[${body.data.alert.level}] ${body.data.alert.host} ${body.data.alert.metric} ${body.data.transition} (value ${body.data.alert.value})`
    : 'a body that is not a Pulseboard notification';
  return `webhook: ${what}, ${verified}, delivery ${header(DELIVERY_HEADER) ?? '(none)'}\n`;
}
