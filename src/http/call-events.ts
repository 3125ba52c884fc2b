import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { handleCallEvents } from '../app/calls/call-callbacks';
import { requireEventsKey } from './auth';
import { guardAll, type HandlerEnv } from './handler-env';
import { problem } from './problem';
import { readJson } from './read-json';

/** Call Automation posts one or a few small CloudEvents per request. */
export const MAX_CALL_EVENTS_BYTES = 256 * 1024;

/** The Call Automation callback webhook (API.md `POST /api/events/calls`). */
export function callEventHandlers(env: Pick<HandlerEnv, 'deps' | 'workflow'>) {
  /**
   * POST /api/events/calls?key=… — a JSON array of CloudEvents (or one). The key is checked before the
   * body is read. Answers 200 once every callback is stored for its call (a duplicate, an unknown type
   * or a call that is not ours included: ignored); 400 for a malformed body, naming the field; 503
   * for a transient failure, so the provider may deliver again.
   */
  async function calls(req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
    const deps = env.deps();
    const key = requireEventsKey(req, deps.config);
    if (!key.ok) return key.response;
    const body = await readJson(req, MAX_CALL_EVENTS_BYTES);
    if (!body.ok) return body.response;
    const parsed = deps.callEvents(body.value);
    if (!parsed.ok) return problem(400, 'Invalid callbacks', 'The body is not a valid Call Automation callback (CloudEvents); nothing was handled.', [...parsed.errors]);
    try {
      const outcome = await handleCallEvents(deps, env.workflow(context), parsed.value);
      return { status: 200, jsonBody: { received: parsed.value.length, ...outcome } };
    } catch (err) {
      context.warn(`calls: callbacks not handled (${err instanceof Error ? err.name : 'error'})`);
      return { ...problem(503, 'Try again later', 'The callbacks could not be handled now; deliver them again.'), headers: { 'content-type': 'application/problem+json; charset=utf-8', 'retry-after': '5' } };
    }
  }
  return guardAll({ calls });
}
