import type { IncomingMessage, ServerResponse } from 'node:http';
import { DOMAIN_EVENT_TYPES, parseEventData, publishDevEvent, subjectOf, type DomainEventDraft } from '../../src/adapters/devhost-hooks';
import { sendJson } from '../functions-host/http-bridge';

type EventType = (typeof DOMAIN_EVENT_TYPES)[number];
const MAX_COUNT = 5_000;
const IN_FLIGHT = 16;

/** Data of the event's family made of dev IDs only (a caller may pass its own `data`). */
function sampleData(type: EventType, i: number, at: string): Record<string, unknown> {
  switch (type.slice(0, type.indexOf('.'))) {
    case 'meeting': return { meetingId: `DEV-${i}`, contactId: 'C-DEV', version: 1, status: type === 'meeting.cancelled' ? 'cancelled' : 'scheduled', attendance: 'unknown', occurredAt: at };
    case 'communication': return { sendKey: `dev|${i}`, type: 'test', channel: 'email', status: type.slice('communication.'.length), occurredAt: at };
    case 'reply': return { channel: 'sms', occurredAt: at };
    default: return { channel: 'sms', source: 'admin', occurredAt: at };
  }
}

const problem = (res: ServerResponse, path: string, detail: string): void =>
  sendJson(res, 400, { type: 'about:blank', title: 'Invalid dev event', status: 400, detail, errors: [{ path, message: detail }] }, { 'content-type': 'application/problem+json' });

/**
 * POST /dev/events `{"type":"meeting.confirmed","cause":"demo","count":1,"data":{…}}`: publishes
 * test domain events through the app's own publisher (its consumers: webhook subscriptions), as a
 * use case would; `count` > 1 publishes `cause-0`, `cause-1`… Answers the event IDs. Devhost only.
 */
export async function devEventsRoute(clientData: () => Record<string, unknown>, now: () => Date, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, { message: 'Use POST.' }, { allow: 'POST' });
  let parsed: { type?: unknown; cause?: unknown; count?: unknown; data?: unknown };
  try {
    parsed = JSON.parse(body.toString('utf8') || '{}') as typeof parsed;
  } catch {
    return problem(res, '', 'The body is not valid JSON.');
  }
  const type = parsed.type as EventType;
  if (!(DOMAIN_EVENT_TYPES as readonly unknown[]).includes(type)) return problem(res, 'type', `must be one of: ${DOMAIN_EVENT_TYPES.join(', ')}`);
  const count = parsed.count === undefined ? 1 : parsed.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_COUNT) return problem(res, 'count', `must be an integer from 1 to ${MAX_COUNT}`);
  const cause = typeof parsed.cause === 'string' && parsed.cause !== '' ? parsed.cause : `dev-${now().getTime()}`;
  const drafts: DomainEventDraft[] = [];
  for (let i = 0; i < count; i++) {
    const data = parseEventData(type, parsed.data ?? sampleData(type, i, now().toISOString()));
    if (!data) return problem(res, 'data', `does not fit the ${type} data schema`);
    drafts.push({ type, cause: count === 1 ? cause : `${cause}-${i}`, subject: subjectOf('test', count === 1 ? cause : `${cause}-${i}`), data } as DomainEventDraft);
  }
  const ids: string[] = new Array<string>(drafts.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < drafts.length; i = next++) ids[i] = (await publishDevEvent(drafts[i] as DomainEventDraft, clientData())).id;
  };
  try {
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, drafts.length) }, worker));
  } catch (err) {
    return sendJson(res, 503, { message: `Not published: ${err instanceof Error ? err.message : 'error'}` });
  }
  sendJson(res, 200, { events: ids });
}
