import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { getLocalCall, listLocalCalls, parseWith, type LocalCall, type LocalCallAction } from '../../src/adapters/devhost-hooks';
import { sendJson } from '../functions-host/http-bridge';
import type { Logger } from '../functions-host/logger';
import { callCloudEvent, postCallbacks } from './call-events';

const PROBLEM = { 'content-type': 'application/problem+json; charset=utf-8' };
const problem = (res: ServerResponse, status: number, title: string, detail: string, errors: Array<{ path: string; message: string }> = []): void =>
  sendJson(res, status, { type: 'about:blank', title, status, detail, ...(errors.length ? { errors } : {}) }, PROBLEM);

/** What the call is doing now, from what the app asked of it last. */
export function callState(call: LocalCall): { state: 'ringing' | 'asking' | 'speaking' | 'transferred' | 'ended'; waitingFor: string | null } {
  const last: LocalCallAction | undefined = call.actions[call.actions.length - 1];
  if (!last) return { state: 'ringing', waitingFor: 'answer (or answer with {"result":"busy"|"noAnswer"})' };
  if (last.kind === 'ask') return { state: 'asking', waitingFor: 'keys {"tones":"1"} (or {"tones":""} for silence), or hangup' };
  if (last.kind === 'say') return { state: 'speaking', waitingFor: null };
  if (last.kind === 'transfer') return { state: 'transferred', waitingFor: null };
  return { state: 'ended', waitingFor: null };
}

const answerBody = z.strictObject({ result: z.enum(['answered', 'busy', 'noAnswer', 'declined']).default('answered') }).default({ result: 'answered' });
const keysBody = z.strictObject({ tones: z.string().regex(/^[0-9*#]?$/, 'must be one key (0-9, * or #), or "" for no key pressed') });

function readJson(body: Buffer): unknown {
  const text = body.toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return Symbol('not JSON');
  }
}

/** The callbacks ACS sends when the app's own action on a local call completes (play, transfer, hang-up). */
export function answerAction(call: LocalCall, action: LocalCallAction, now: Date): Record<string, unknown> | undefined {
  const facts = { callConnectionId: call.callConnectionId, operationContext: action.operationContext };
  if (action.kind === 'say') return callCloudEvent('PlayCompleted', { ...facts, code: 200, subCode: 0 }, now);
  if (action.kind === 'transfer') return callCloudEvent('CallTransferAccepted', { ...facts, code: 200, subCode: 7015 }, now);
  if (action.kind === 'hangUp') return callCloudEvent('CallDisconnected', { ...facts, operationContext: call.operationContext, code: 200, subCode: 7000 }, now);
  return undefined;
}

/**
 * `GET /dev/calls`: the local voice channel's calls, newest first, with what each spoke and what it
 * waits for. `POST /dev/calls/{callConnectionId}/answer` (optionally `{"result":"busy"|"noAnswer"|"declined"}`),
 * `…/keys` `{"tones":"1"}` (`""`: no key, the silence timeout), `…/hangup`: the customer's side,
 * posted to the app's `/api/events/calls` as genuine Call Automation callbacks. 202 `{ eventId,
 * webhookStatus }`; 502 when the app refused it. The outbox page's keypad posts forms here.
 */
export async function callsRoute(connectionString: string, now: () => Date, log: Logger, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
  const parts = url.pathname.replace(/^\/dev\/calls\/?/, '').split('/').filter((p) => p !== '');
  if (parts.length === 0) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { message: 'Use GET.' }, { allow: 'GET' });
    const calls = await listLocalCalls(connectionString);
    return sendJson(res, 200, calls.map((call) => ({ ...call, ...callState(call) })), { 'cache-control': 'no-store' });
  }
  const [id, verb] = parts as [string, string | undefined];
  if (parts.length !== 2 || !verb || !['answer', 'keys', 'hangup'].includes(verb)) return problem(res, 404, 'Not found', 'Use /dev/calls/{callConnectionId}/answer, /keys or /hangup.');
  if (req.method !== 'POST') return sendJson(res, 405, { message: 'Use POST.' }, { allow: 'POST' });
  const call = await getLocalCall(connectionString, decodeURIComponent(id));
  if (!call) return problem(res, 404, 'No such call', 'The local voice channel placed no call with this connection ID.');
  // The outbox page's keypad posts forms; `curl -d '{…}'` labels JSON a form too, so a JSON object is read as JSON.
  const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') && !body.toString('utf8').trimStart().startsWith('{');
  const value = form ? Object.fromEntries(new URLSearchParams(body.toString('utf8'))) : readJson(body);
  if (typeof value === 'symbol') return problem(res, 400, 'Malformed JSON', 'The body is not valid JSON.', [{ path: '', message: 'is not valid JSON' }]);
  const at = now();
  let event: Record<string, unknown>;
  if (verb === 'answer') {
    const parsed = parseWith(answerBody, value);
    if (!parsed.ok) return problem(res, 400, 'Invalid answer', 'Send {} or { "result": "busy" | "noAnswer" | "declined" }.', [...parsed.errors]);
    const facts = { callConnectionId: call.callConnectionId, operationContext: call.operationContext };
    const failed = { busy: [486, 560486], noAnswer: [480, 560480], declined: [603, 10024] } as const;
    event = parsed.value.result === 'answered'
      ? callCloudEvent('CallConnected', facts, at)
      : callCloudEvent('CreateCallFailed', { ...facts, code: failed[parsed.value.result][0], subCode: failed[parsed.value.result][1] }, at);
  } else if (verb === 'keys') {
    const parsed = parseWith(keysBody, value);
    if (!parsed.ok) return problem(res, 400, 'Invalid keys', 'Send { "tones": "1" }.', [...parsed.errors]);
    const ask = [...call.actions].reverse().find((a) => a.kind === 'ask');
    if (!ask) return problem(res, 409, 'Not asking', 'The call has asked nothing yet: answer it first.');
    const facts = { callConnectionId: call.callConnectionId, operationContext: ask.operationContext };
    event = parsed.value.tones === ''
      ? callCloudEvent('RecognizeFailed', { ...facts, code: 400, subCode: 8510, message: 'Action failed, initial silence timeout reached.' }, at)
      : callCloudEvent('RecognizeCompleted', { ...facts, code: 200, subCode: 8531, tones: [parsed.value.tones] }, at);
  } else {
    event = callCloudEvent('CallDisconnected', { callConnectionId: call.callConnectionId, operationContext: call.operationContext, code: 200, subCode: 0 }, at);
  }
  const webhookStatus = await postCallbacks(call.callbackUrl, [event]);
  if (webhookStatus < 200 || webhookStatus >= 300) {
    log.warn(`calls (devhost): callback ${String(event.id)} not accepted (HTTP ${webhookStatus})`);
    return sendJson(res, 502, { type: 'about:blank', title: 'Webhook refused the callback', status: 502, detail: `POST /api/events/calls answered ${webhookStatus}.`, eventId: event.id, webhookStatus }, PROBLEM);
  }
  if (form) {
    res.writeHead(303, { location: '/dev/outbox' });
    return void res.end();
  }
  sendJson(res, 202, { eventId: event.id, webhookStatus });
}

/** Answers the app's own actions on local calls as ACS would (after the caller's turn, so the activity finishes first). */
export function callActionResponder(now: () => Date, log: Logger): (call: LocalCall, action: LocalCallAction) => void {
  return (call, action) => {
    const event = answerAction(call, action, now());
    if (!event) return;
    setTimeout(() => {
      void postCallbacks(call.callbackUrl, [event]).then((status) => {
        if (status < 200 || status >= 300) log.warn(`calls (devhost): callback ${String(event.id)} not accepted (HTTP ${status})`);
      });
    }, 50);
  };
}
