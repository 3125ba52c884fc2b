import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { z } from 'zod';
import { normaliseMeeting } from '../domain';
import { checkedText, contactIdSchema, meetingIdSchema } from '../domain/meeting/meeting-fields';
import { cancelMeeting } from '../app/cancel-meeting';
import { meetingView } from '../app/meeting-view';
import { scheduleMeeting } from '../app/schedule-meeting';
import { requireAdmin, requireContact } from './auth';
import { guardAll, type HandlerEnv } from './handler-env';
import { cancelLimits, clientAddress, lazily, parsePerMinute, tooManyRequests } from './rate-limit';
import { problem } from './problem';
import { readJson } from './read-json';
import { withoutEchoedTeamsLink } from '../app/online/echoed-join-link';

const notFound = (): HttpResponseInit => problem(404, 'Not found', 'No such meeting.');

/** The path's meeting ID when it is one we could have stored (`%2F`, `..` and the like cannot be), else undefined. */
const pathMeetingId = (req: HttpRequest): string | undefined => {
  const parsed = meetingIdSchema.safeParse(req.params.meetingId);
  return parsed.success ? parsed.data : undefined;
};

/** CancelMeeting body for a cancellation made in another system (API key; no notice is sent). */
const cancelReason = z.string().trim().max(500).superRefine(checkedText(true)).optional();
export const externalCancelSchema = z.strictObject({ source: z.literal('external'), reason: cancelReason, contactId: z.string().optional() });
/**
 * CancelMeeting body from a portal acting for a signed-in contact (bearer token), or from a flow or
 * admin with the API key. `source: "api"` is what older clients send; who cancelled is recorded from
 * the credentials, never from the body.
 */
export const portalCancelSchema = z.strictObject({ contactId: contactIdSchema, reason: cancelReason, source: z.literal('api').optional() });
const fieldErrors = (issues: z.core.$ZodIssue[]): Array<{ path: string; message: string }> => issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));

/** The meeting routes (API.md "Meetings"), built over the handler environment. */
export function meetingHandlers(env: HandlerEnv) {
  const limits = lazily(() => cancelLimits(parsePerMinute(env.deps().config.CANCEL_RATE_LIMIT)));

  async function upsert(req: HttpRequest, context: InvocationContext, mode: 'create' | 'update'): Promise<HttpResponseInit> {
    const deps = env.deps();
    const caller = await requireAdmin(req, deps);
    if (!caller.ok) return caller.response;
    const body = await readJson(req);
    if (!body.ok) return body.response;
    const { settings } = await deps.settings.get();
    const pathId = mode === 'update' ? req.params.meetingId : undefined;
    const input = await withoutEchoedTeamsLink(deps, body.value, pathId);
    const meeting = normaliseMeeting(input, { defaultLocale: settings.defaultLocale, pathMeetingId: mode === 'update' ? req.params.meetingId : undefined });
    if (!meeting.ok) return problem(400, 'Invalid meeting', 'One or more fields are invalid; nothing was stored.', [...meeting.errors]);
    const outcome = await scheduleMeeting(deps, env.workflow(context), meeting.value, mode);
    if (outcome.kind === 'notFound') return notFound();
    if (outcome.kind === 'conflict') return problem(409, 'Conflict', outcome.detail);
    return { status: 202, jsonBody: { meetingId: outcome.meetingId, status: outcome.status, version: outcome.version } };
  }

  /**
   * POST /api/meetings/{meetingId}/cancel — CancelMeeting.
   * - A portal, for a signed-in contact: `{ contactId, reason? }` with `Authorization: Bearer <JWT>`;
   *   the token's contact claim must be that contact, or the token carries the cancel app role.
   *   A notice follows if enabled. Unknown meeting or another contact's → the same 404. Recorded
   *   `cancelledBy: portal`; the same body with the API key (a flow, an admin) is recorded `api`.
   * - A cancellation made elsewhere: `{ "source": "external" }` with the API key; no notice.
   */
  async function cancel(req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
    const deps = env.deps();
    // A request whose credentials fail counts against its client address, and past the limit the
    // address gets 429 instead of 401. A caller with valid credentials is never refused for what
    // anyone else (or its own address) sent: junk cannot starve a portal or a customer.
    const client = clientAddress(req.headers, deps.config.TRUSTED_PROXY_HOPS);
    const refused = (response: HttpResponseInit): HttpResponseInit => {
      const junk = limits().client.take(client);
      return junk.ok ? response : tooManyRequests(junk.retryAfterSeconds);
    };
    const body = await readJson(req, 4 * 1024);
    if (!body.ok) return body.response;
    const meetingId = pathMeetingId(req);
    if (meetingId === undefined) return notFound();
    const external = typeof body.value === 'object' && body.value !== null && (body.value as { source?: unknown }).source === 'external';
    if (external) {
      const caller = await requireAdmin(req, deps);
      if (!caller.ok) return refused(caller.response);
      const parsed = externalCancelSchema.safeParse(body.value);
      if (!parsed.success) return problem(400, 'Invalid cancellation', 'The body is invalid; nothing was changed.', fieldErrors(parsed.error.issues));
      return answer(await cancelMeeting(deps, env.workflow(context), meetingId, { source: 'external', reason: parsed.data.reason }));
    }
    const parsed = portalCancelSchema.safeParse(body.value);
    if (!parsed.success) return problem(400, 'Invalid cancellation', 'The body is invalid; nothing was changed.', fieldErrors(parsed.error.issues));
    // With the API key, a flow or an admin cancels (recorded `api`); otherwise a portal's bearer token (`portal`).
    const source = req.headers.get('x-api-key') !== null ? 'api' : 'portal';
    const caller = source === 'api' ? await requireAdmin(req, deps) : await requireContact(req, deps, parsed.data.contactId);
    if (!caller.ok) return refused(caller.response);
    // A verified caller is limited per meeting only: a busy portal serves many customers from one address.
    const perMeeting = limits().target.take(meetingId);
    if (!perMeeting.ok) return tooManyRequests(perMeeting.retryAfterSeconds);
    return answer(await cancelMeeting(deps, env.workflow(context), meetingId, { source, reason: parsed.data.reason, contactId: parsed.data.contactId }));
  }

  return guardAll({
    /** POST /api/meetings — ScheduleMeeting. */
    schedule: (req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => upsert(req, context, 'create'),
    /** PUT /api/meetings/{meetingId} — UpdateMeeting. */
    update: (req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => upsert(req, context, 'update'),
    /** GET /api/meetings/{meetingId} — GetMeeting. */
    async get(req: HttpRequest): Promise<HttpResponseInit> {
      const deps = env.deps();
      const caller = await requireAdmin(req, deps);
      if (!caller.ok) return caller.response;
      const meetingId = pathMeetingId(req);
      if (meetingId === undefined) return notFound();
      const view = await meetingView(deps, meetingId);
      return view ? { status: 200, headers: { 'cache-control': 'no-store' }, jsonBody: view } : notFound();
    },
    cancel,
  });
}

function answer(outcome: Awaited<ReturnType<typeof cancelMeeting>>): HttpResponseInit {
  if (outcome.kind === 'notFound') return notFound();
  if (outcome.kind === 'started') return problem(422, 'Meeting started', 'The meeting has already started; it can no longer be cancelled.');
  if (outcome.kind === 'conflict') return problem(409, 'Conflict', outcome.detail);
  return { status: 200, jsonBody: { meetingId: outcome.meetingId, status: 'cancelled' } };
}
