import type { AppDeps } from '../deps';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const MEETING_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * A ScheduleMeeting/UpdateMeeting body that sends back what GetMeeting returned carries the Teams
 * join URL the service created next to `createTeamsMeeting: true`: that means "keep the Teams
 * meeting", so the echoed URL is dropped before validation. Any other URL next to
 * `createTeamsMeeting: true` stays, and validation refuses the pair as before.
 */
export async function withoutEchoedTeamsLink(deps: Pick<AppDeps, 'meetings'>, body: unknown, pathMeetingId: string | undefined): Promise<unknown> {
  if (!isObject(body) || !isObject(body.online)) return body;
  const { joinUrl, createTeamsMeeting, ...rest } = body.online;
  if (createTeamsMeeting !== true || typeof joinUrl !== 'string') return body;
  const meetingId = pathMeetingId ?? body.meetingId;
  if (typeof meetingId !== 'string' || !MEETING_ID.test(meetingId)) return body;
  const stored = await deps.meetings.get(meetingId);
  const created = stored?.record.teams?.joinUrl;
  if (!created || created !== joinUrl.trim()) return body;
  return { ...body, online: { ...rest, createTeamsMeeting } };
}
