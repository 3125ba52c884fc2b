import { hashLinkToken, isLinkTokenFormat, type MeetingRecord } from '../domain';
import type { AppDeps } from './deps';

export type ResolveLinkDeps = Pick<AppDeps, 'linkTokens' | 'meetings' | 'clock'>;

export type LinkResolution = { readonly ok: true; readonly meeting: MeetingRecord } | { readonly ok: false };

/**
 * The meeting a deep-link token may act on. Valid only while: the token is known (looked up by its
 * hash), before the meeting's start, for the meeting's current version and contact, and while the
 * meeting is still scheduled. Every other case is the same answer, so a link reveals nothing.
 */
export async function resolveLink(deps: ResolveLinkDeps, token: string): Promise<LinkResolution> {
  if (!isLinkTokenFormat(token)) return { ok: false };
  const record = await deps.linkTokens.get(hashLinkToken(token));
  if (!record) return { ok: false };
  if (deps.clock.now().getTime() >= Date.parse(record.expiresAt)) return { ok: false };
  const stored = await deps.meetings.get(record.meetingId);
  const meeting = stored?.record;
  if (!meeting || meeting.version !== record.version || meeting.contact.contactId !== record.contactId || meeting.status !== 'scheduled') return { ok: false };
  return { ok: true, meeting };
}
