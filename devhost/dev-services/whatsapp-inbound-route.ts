import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { INBOUND_WHATSAPP, LOCAL_SENDERS, recordInboundSms } from '../../src/adapters/devhost-hooks';
import type { EventPublisher } from './event-publisher';
import { e164, postInbound, readInbound } from './inbound-route';
import { advancedMessageReceived } from './whatsapp-events';

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
  const request = readInbound(req, res, body, inboundWhatsApp, {
    title: 'Invalid inbound WhatsApp message', detail: 'Send { "from", "to", "text" } or { "from", "to", "buttonPayload", "buttonText", "contextMessageId" }.',
  });
  if (!request) return;
  const message = { ...request.value, to: request.value.to ?? process.env.WHATSAPP_CHANNEL_ID ?? LOCAL_SENDERS.whatsapp };
  const at = now();
  const event = advancedMessageReceived(message, at);
  const text = 'text' in message ? message.text : `[${message.buttonText}]`;
  await recordInboundSms(connectionString, { eventId: String(event.id), from: message.from, to: message.to, text, createdAt: at.toISOString() }, INBOUND_WHATSAPP);
  await postInbound(publisher, res, request.form, event);
}
