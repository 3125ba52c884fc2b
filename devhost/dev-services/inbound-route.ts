import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { parseWith } from '../../src/adapters/devhost-hooks';
import { sendJson } from '../functions-host/http-bridge';
import type { EventPublisher } from './event-publisher';

/** A phone number as the inbound routes take it. */
export const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +14255550123');

const PROBLEM = { 'content-type': 'application/problem+json; charset=utf-8' };

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
 * The request of a customer-side inbound route (`/dev/sms/inbound`, `/dev/whatsapp/inbound`), read
 * (JSON or the outbox page's form) and checked against `schema`. Answers the request itself and
 * gives undefined when it cannot go on: 405 for another method than POST, 400 problem+json naming
 * the fields (`title`, `detail` say what to send).
 */
export function readInbound<T>(req: IncomingMessage, res: ServerResponse, body: Buffer, schema: z.ZodType<T>, wording: { readonly title: string; readonly detail: string }): { form: boolean; value: T } | undefined {
  if (req.method !== 'POST') {
    sendJson(res, 405, { message: 'Use POST.' }, { allow: 'POST' });
    return undefined;
  }
  const { form, value } = readBody(req, body);
  const problem = (errors: Array<{ path: string; message: string }>): undefined => {
    sendJson(res, 400, { type: 'about:blank', title: wording.title, status: 400, detail: wording.detail, errors }, PROBLEM);
    return undefined;
  };
  if (typeof value === 'symbol') return problem([{ path: '', message: 'is not valid JSON' }]);
  const parsed = parseWith(schema, value);
  if (!parsed.ok) return problem([...parsed.errors]);
  return { form, value: parsed.value };
}

/**
 * Posts an inbound route's Event Grid event to the app's webhook and answers with what it said: 202
 * `{ eventId, webhookStatus }` (from the outbox page's form: 303 back to the page), or 502 when the
 * webhook refused it.
 */
export async function postInbound(publisher: EventPublisher, res: ServerResponse, form: boolean, event: Record<string, unknown>): Promise<void> {
  const eventId = String(event.id);
  const webhookStatus = await publisher.post(event);
  if (webhookStatus < 200 || webhookStatus >= 300) {
    return sendJson(res, 502, { type: 'about:blank', title: 'Webhook refused the event', status: 502, detail: `POST /api/events/acs answered ${webhookStatus}.`, eventId, webhookStatus }, PROBLEM);
  }
  if (form) {
    res.writeHead(303, { location: '/dev/outbox' });
    return void res.end();
  }
  sendJson(res, 202, { eventId, webhookStatus });
}
