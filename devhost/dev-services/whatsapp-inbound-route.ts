import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { INBOUND_WHATSAPP, LOCAL_SENDERS, parseWith, recordInboundSms } from '../../src/adapters/devhost-hooks';
import { sendJson } from '../functions-host/http-bridge';
import type { EventPublisher } from './event-publisher';
import { readBody } from './sms-inbound-route';
import { advancedMessageReceived } from './whatsapp-events';

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +14255550123');
/** Our channel registration ID (WHATSAPP_CHANNEL_ID, else the outbox's local one). */
const channelId = z.uuid({ error: 'must be the WhatsApp channel registration ID (a GUID)' });
const optionalId = z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).max(200).optional());

/** `{ from, to, text }` or `{ from, to, buttonPayload, buttonText, contextMessageId }` (WhatsApp's limits: 4 096 characters, 20 for a button). */
const inboundWhatsApp = z.union([
  z.strictObject({ from: e164, to: channelId.optional(), text: z.string().min(1).max(4096), contextMessageId: optionalId }),
  z.strictObject({ from: e164, to: channelId.optional(), buttonPayload: z.string().min(1).max(256), buttonText: z.string().min(1).max(20), contextMessageId: optionalId }),
]);

/**
 * POST /dev/whatsapp/inbound: a customer writing to our WhatsApp channel, or pressing a quick-reply
 * button of one of our messages. The devhost records it (the outbox page shows the conversation) and
 * posts a genuine Event Grid `AdvancedMessageReceived` to the app's webhook, waiting for its answer:
 * 202 `{ eventId, webhookStatus }`, or 502 when the webhook refused it. From the outbox page's buttons
 * and form, it redirects back to the page.
 */
export async function whatsAppInboundRoute(publisher: EventPublisher, connectionString: string, now: () => Date, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, { message: 'Use POST.' }, { allow: 'POST' });
  const { form, value } = readBody(req, body);
  const problem = (errors: Array<{ path: string; message: string }>): void =>
    sendJson(res, 400, { type: 'about:blank', title: 'Invalid inbound WhatsApp message', status: 400, detail: 'Send { "from", "to", "text" } or { "from", "to", "buttonPayload", "buttonText", "contextMessageId" }.', errors }, { 'content-type': 'application/problem+json; charset=utf-8' });
  if (typeof value === 'symbol') return problem([{ path: '', message: 'is not valid JSON' }]);
  const parsed = parseWith(inboundWhatsApp, value);
  if (!parsed.ok) return problem([...parsed.errors]);
  const message = { ...parsed.value, to: parsed.value.to ?? process.env.WHATSAPP_CHANNEL_ID ?? LOCAL_SENDERS.whatsapp };
  const at = now();
  const event = advancedMessageReceived(message, at);
  const eventId = String(event.id);
  const text = 'text' in message ? message.text : `[${message.buttonText}]`;
  await recordInboundSms(connectionString, { eventId, from: message.from, to: message.to, text, createdAt: at.toISOString() }, INBOUND_WHATSAPP);
  const webhookStatus = await publisher.post(event);
  if (form && webhookStatus >= 200 && webhookStatus < 300) {
    res.writeHead(303, { location: '/dev/outbox' });
    return void res.end();
  }
  if (webhookStatus < 200 || webhookStatus >= 300) return sendJson(res, 502, { type: 'about:blank', title: 'Webhook refused the event', status: 502, detail: `POST /api/events/acs answered ${webhookStatus}.`, eventId, webhookStatus }, { 'content-type': 'application/problem+json; charset=utf-8' });
  sendJson(res, 202, { eventId, webhookStatus });
}
