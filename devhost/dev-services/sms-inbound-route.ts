import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { recordInboundSms } from '../../src/adapters/devhost-hooks';
import { smsReceived } from './acs-events';
import type { EventPublisher } from './event-publisher';
import { e164, postInbound, readInbound } from './inbound-route';


/** `{ from, to, text }`: the customer's number, our number, the message (at most 1 600 characters, ACS's limit). */
const inboundSms = z.strictObject({ from: e164, to: e164, text: z.string().min(1).max(1600) });

/**
 * POST /dev/sms/inbound `{ from, to, text }`: a customer texting one of our numbers. The devhost records
 * it (the outbox page shows the conversation) and posts a genuine Event Grid `SMSReceived` to the app's
 * webhook, waiting for its answer: 202 `{ eventId, webhookStatus }`, or 502 when the webhook refused it.
 * From the outbox page's form, it redirects back to the page.
 */
export async function smsInboundRoute(publisher: EventPublisher, connectionString: string, now: () => Date, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
  const request = readInbound(req, res, body, inboundSms, { title: 'Invalid inbound SMS', detail: 'Send { "from", "to", "text" }.' });
  if (!request) return;
  const at = now();
  const event = smsReceived(request.value, at);
  await recordInboundSms(connectionString, { eventId: String(event.id), ...request.value, createdAt: at.toISOString() });
  await postInbound(publisher, res, request.form, event);
}
