import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { parseWith, recordInboundSms } from '../../src/adapters/devhost-hooks';
import { sendJson } from '../functions-host/http-bridge';
import { smsReceived } from './acs-events';
import type { EventPublisher } from './event-publisher';

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +14255550123');

/** `{ from, to, text }`: the customer's number, our number, the message (at most 1 600 characters, ACS's limit). */
const inboundSms = z.strictObject({ from: e164, to: e164, text: z.string().min(1).max(1600) });

/**
 * The body as JSON, or as the outbox page's form sends it (`application/x-www-form-urlencoded`). A
 * body that is a JSON object is read as JSON whatever its content type: `curl -d '{…}'` labels it a
 * form, and reading it as one would turn the `+` of the numbers into spaces.
 */
export function readBody(req: IncomingMessage, body: Buffer): { form: boolean; value: unknown } {
  const text = body.toString('utf8');
  const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  if (form && !text.trimStart().startsWith('{')) return { form: true, value: Object.fromEntries(new URLSearchParams(text)) };
  try {
    return { form: false, value: JSON.parse(text || 'null') as unknown };
  } catch {
    return { form: false, value: Symbol('not JSON') };
  }
}

/**
 * POST /dev/sms/inbound `{ from, to, text }`: a customer texting one of our numbers. The devhost records
 * it (the outbox page shows the conversation) and posts a genuine Event Grid `SMSReceived` to the app's
 * webhook, waiting for its answer: 202 `{ eventId, webhookStatus }`, or 502 when the webhook refused it.
 * From the outbox page's form, it redirects back to the page.
 */
export async function smsInboundRoute(publisher: EventPublisher, connectionString: string, now: () => Date, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, { message: 'Use POST.' }, { allow: 'POST' });
  const { form, value } = readBody(req, body);
  const problem = (errors: Array<{ path: string; message: string }>): void =>
    sendJson(res, 400, { type: 'about:blank', title: 'Invalid inbound SMS', status: 400, detail: 'Send { "from", "to", "text" }.', errors }, { 'content-type': 'application/problem+json; charset=utf-8' });
  if (typeof value === 'symbol') return problem([{ path: '', message: 'is not valid JSON' }]);
  const parsed = parseWith(inboundSms, value);
  if (!parsed.ok) return problem([...parsed.errors]);
  const at = now();
  const event = smsReceived(parsed.value, at);
  const eventId = String(event.id);
  await recordInboundSms(connectionString, { eventId, ...parsed.value, createdAt: at.toISOString() });
  const webhookStatus = await publisher.post(event);
  if (form && webhookStatus >= 200 && webhookStatus < 300) {
    res.writeHead(303, { location: '/dev/outbox' });
    return void res.end();
  }
  if (webhookStatus < 200 || webhookStatus >= 300) return sendJson(res, 502, { type: 'about:blank', title: 'Webhook refused the event', status: 502, detail: `POST /api/events/acs answered ${webhookStatus}.`, eventId, webhookStatus }, { 'content-type': 'application/problem+json; charset=utf-8' });
  sendJson(res, 202, { eventId, webhookStatus });
}
