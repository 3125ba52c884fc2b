import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { z } from 'zod';
import { normaliseMeeting } from '../domain';
import { durableMeetingWorkflow } from '../adapters/durable-meeting-workflow';
import { cancelMeeting } from '../app/cancel-meeting';
import { appDeps } from '../app/container';
import { meetingView } from '../app/meeting-view';
import { scheduleMeeting } from '../app/schedule-meeting';
import { requireApiKey } from './auth';
import { problem } from './problem';
import { readJson } from './read-json';

const notFound = (): HttpResponseInit => problem(404, 'Not found', 'No such meeting.');

async function upsert(req: HttpRequest, context: InvocationContext, mode: 'create' | 'update'): Promise<HttpResponseInit> {
  const deps = appDeps();
  const denied = requireApiKey(req, deps.config);
  if (denied) return denied;
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const { settings } = await deps.settings.get();
  const meeting = normaliseMeeting(body.value, { defaultLocale: settings.defaultLocale, pathMeetingId: mode === 'update' ? req.params.meetingId : undefined });
  if (!meeting.ok) return problem(400, 'Invalid meeting', 'One or more fields are invalid; nothing was stored.', [...meeting.errors]);
  const outcome = await scheduleMeeting(deps, durableMeetingWorkflow(df.getClient(context)), meeting.value, mode);
  if (outcome.kind === 'notFound') return notFound();
  if (outcome.kind === 'conflict') return problem(409, 'Conflict', outcome.detail);
  return { status: 202, jsonBody: { meetingId: outcome.meetingId, status: outcome.status, version: outcome.version } };
}

/** POST /api/meetings — ScheduleMeeting. */
export const scheduleMeetingHandler = (req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => upsert(req, context, 'create');

/** PUT /api/meetings/{meetingId} — UpdateMeeting. */
export const updateMeetingHandler = (req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => upsert(req, context, 'update');

/** GET /api/meetings/{meetingId} — GetMeeting. */
export async function getMeetingHandler(req: HttpRequest): Promise<HttpResponseInit> {
  const deps = appDeps();
  const denied = requireApiKey(req, deps.config);
  if (denied) return denied;
  const view = await meetingView(deps, req.params.meetingId ?? '');
  return view ? { status: 200, headers: { 'cache-control': 'no-store' }, jsonBody: view } : notFound();
}

const externalCancelSchema = z.strictObject({ source: z.literal('external'), reason: z.string().trim().max(500).optional(), contactId: z.string().optional() });

/**
 * POST /api/meetings/{meetingId}/cancel with `{ "source": "external" }` and the API key: records a
 * cancellation made in another system; pending messages stop and no notice is sent.
 */
export async function cancelMeetingHandler(req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const deps = appDeps();
  const denied = requireApiKey(req, deps.config);
  if (denied) return denied;
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const parsed = externalCancelSchema.safeParse(body.value);
  if (!parsed.success) return problem(400, 'Invalid cancellation', 'Only cancellations made elsewhere are accepted with an API key: send { "source": "external" }.', parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'source', message: i.message })));
  const outcome = await cancelMeeting(deps, durableMeetingWorkflow(df.getClient(context)), req.params.meetingId ?? '', { source: 'external', reason: parsed.data.reason });
  if (outcome.kind === 'notFound') return notFound();
  if (outcome.kind === 'started') return problem(422, 'Meeting started', 'The meeting has already started.');
  if (outcome.kind === 'conflict') return problem(409, 'Conflict', outcome.detail);
  return { status: 200, jsonBody: { meetingId: outcome.meetingId, status: 'cancelled' } };
}
