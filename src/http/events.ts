import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { handleInboundEvents } from '../app/inbound/handle-inbound-events';
import type { ValidationEvent } from '../ports/inbound';
import { requireEventsCredentials, requireEventsKey } from './auth';
import { guardAll, type HandlerEnv } from './handler-env';
import { problem } from './problem';
import { readJson } from './read-json';

/** Event Grid delivers at most 1 MB per batch (its preferred batch size ends at 1024 KB). */
export const MAX_EVENTS_BYTES = 1024 * 1024;

/** Only the name and code of an error: a failure's message is not ours to vouch for (it might quote data). */
function errorName(err: unknown): string {
  if (!(err instanceof Error)) return 'error';
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' ? `${err.name} ${code}` : err.name;
}

/** The ACS Event Grid webhook (API.md "Events from Azure Communication Services"). */
export function eventHandlers(env: Pick<HandlerEnv, 'deps' | 'workflow'>) {
  /**
   * POST /api/events/acs?key=… — Event Grid schema (an array) or CloudEvents 1.0 (one or a batch). The key
   * (and, with EVENTS_AUDIENCE, Event Grid's bearer token) is checked before the body is read. Answers: the handshake's `validationResponse`; 200 once every
   * event is handled (unknown types included); 400 for a malformed body (Event Grid dead-letters it);
   * 503 for a transient failure, so Event Grid delivers again.
   */
  async function acs(req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
    const deps = env.deps();
    const credentials = await requireEventsCredentials(req, deps);
    if (!credentials.ok) return credentials.response;
    const body = await readJson(req, MAX_EVENTS_BYTES);
    if (!body.ok) return body.response;
    const parsed = deps.inbound.parse({ body: body.value, contentType: req.headers.get('content-type') ?? undefined });
    if (!parsed.ok) return problem(400, 'Invalid events', 'The body is not a valid Event Grid or CloudEvents delivery; nothing was handled.', [...parsed.errors]);
    const validation = parsed.value.find((e): e is ValidationEvent => e.kind === 'validation');
    if (validation) {
      context.log(`events: subscription validation ${validation.eventId}`);
      return { status: 200, jsonBody: { validationResponse: validation.validationCode } };
    }
    try {
      const outcomes = await handleInboundEvents(deps, deps.inbound.provider, parsed.value, env.workflow(context));
      return { status: 200, jsonBody: { received: outcomes.length } };
    } catch (err) {
      context.warn(`events: delivery not handled, Event Grid will retry (${errorName(err)})`);
      return { ...problem(503, 'Try again later', 'The events could not be handled now; deliver them again.'), headers: { 'content-type': 'application/problem+json; charset=utf-8', 'retry-after': '10' } };
    }
  }

  /**
   * OPTIONS /api/events/acs?key=… — the CloudEvents abuse-protection handshake: Event Grid asks with
   * `WebHook-Request-Origin` and is allowed with `WebHook-Allowed-Origin`. The key is required here too
   * (the endpoint URL carries it), so only a subscription made with the key is accepted. No token is
   * asked for here, with EVENTS_AUDIENCE or not: the handshake reads nothing and changes nothing.
   */
  async function acsHandshake(req: HttpRequest): Promise<HttpResponseInit> {
    const key = requireEventsKey(req, env.deps().config);
    if (!key.ok) return key.response;
    const origin = req.headers.get('webhook-request-origin');
    if (!origin) return problem(400, 'Not a webhook handshake', 'OPTIONS here is the CloudEvents webhook handshake: send WebHook-Request-Origin.', [{ path: 'WebHook-Request-Origin', message: 'is required' }]);
    return { status: 200, headers: { 'webhook-allowed-origin': origin, 'webhook-allowed-rate': '*', allow: 'POST, OPTIONS' } };
  }

  return guardAll({ acs, acsHandshake });
}
