import { z } from 'zod';
import { storedInstant } from '../instant';
import type { MeetingRecord } from './meeting-schema';

/**
 * What the service knows of a meeting's Teams meeting (`online.createTeamsMeeting: true`), stored on
 * the meeting record: Graph's ID and organizer once created, the join URL, what Graph was last told
 * (subject and times, so a reschedule is seen as a difference), and the state of a failing call
 * (attempts, when to try again, the last error: a fixed, ID-free text).
 */
export const teamsMeetingStateSchema = z.object({
  id: z.string().nullable(),
  organizer: z.string().nullable(),
  joinUrl: z.string().nullable(),
  synced: z.object({ subject: z.string(), start: storedInstant, end: storedInstant }).nullable(),
  attempts: z.number().int().min(0),
  retryAt: storedInstant.nullable(),
  error: z.string().nullable(),
  /** The meeting version the failures (`attempts`, `retryAt`, `gaveUp`) belong to; a new version starts afresh. */
  failedVersion: z.number().int().min(1).nullable(),
  /** Retries ran out: nothing more is tried for this version of the meeting. */
  gaveUp: z.boolean(),
});

/** See {@link teamsMeetingStateSchema}. */
export type TeamsMeetingState = z.infer<typeof teamsMeetingStateSchema>;

/** What has to happen to the Teams meeting, and from when (a failed call waits for its retry time). */
export type TeamsWork =
  | { readonly kind: 'none' }
  | { readonly kind: 'create' | 'update' | 'delete'; readonly dueAt: string };

/** Failed Graph calls: 30 s doubling to at most 30 min between tries, 12 tries (about 3 hours). */
export const TEAMS_RETRY = { baseMs: 30_000, maxMs: 30 * 60_000, maxAttempts: 12 } as const;

const wantsTeams = (record: MeetingRecord): boolean => record.online?.createTeamsMeeting === true;

/** Whether the failures on record are this version's (an update since then starts afresh). */
const failedNow = (record: MeetingRecord): boolean => record.teams?.failedVersion === record.version;

/**
 * The Teams work a meeting needs now: create it (scheduled, not started, none yet), move it (its
 * subject or times differ from what Graph was told), delete it (cancelled, or no longer wanted). A
 * meeting that has started or completed needs nothing; neither does one whose retries ran out for
 * this version. A failed call is due at its retry time, or at once after an update.
 */
export function teamsWork(record: MeetingRecord, now: Date): TeamsWork {
  const state = record.teams ?? null;
  if ((state?.gaveUp === true && failedNow(record)) || record.status === 'completed') return { kind: 'none' };
  const dueAt = (failedNow(record) ? state?.retryAt : null) ?? now.toISOString();
  const exists = state?.id !== null && state?.id !== undefined;
  if (record.status === 'cancelled' || !wantsTeams(record)) return exists ? { kind: 'delete', dueAt } : { kind: 'none' };
  if (now.getTime() >= Date.parse(record.start)) return { kind: 'none' };
  if (!exists) return { kind: 'create', dueAt };
  const synced = state?.synced;
  const moved = !synced || synced.subject !== record.subject || Date.parse(synced.start) !== Date.parse(record.start) || Date.parse(synced.end) !== Date.parse(record.end);
  return moved ? { kind: 'update', dueAt } : { kind: 'none' };
}

/**
 * Until when a confirmation or reminder waits for the Teams join link: the current version's time
 * plus the configured wait, while the link is still to come. Undefined when nothing waits (not a
 * Teams meeting, the link is there, or its creation gave up: then messages go without it).
 */
export function teamsLinkPendingUntil(record: MeetingRecord, waitMs: number): string | undefined {
  if (!wantsTeams(record) || record.status !== 'scheduled' || waitMs <= 0) return undefined;
  const state = record.teams ?? null;
  if (state?.joinUrl || (state?.gaveUp === true && failedNow(record))) return undefined;
  return new Date(Date.parse(record.versionAt) + waitMs).toISOString();
}

/** The meeting as messages and GetMeeting show it: a Teams meeting's join URL in `online.joinUrl`. */
export function withTeamsLink<M extends MeetingRecord>(record: M): M {
  const joinUrl = record.teams?.joinUrl;
  if (!wantsTeams(record) || !joinUrl || record.online === null) return record;
  return { ...record, online: { ...record.online, joinUrl } };
}

/** When a failed Graph call is tried again: its Retry-After if longer, else the backoff for `attempts`. */
export function teamsRetryAt(now: Date, attempts: number, retryAfterMs?: number): string {
  const backoff = Math.min(TEAMS_RETRY.baseMs * 2 ** Math.max(0, attempts - 1), TEAMS_RETRY.maxMs);
  return new Date(now.getTime() + Math.max(backoff, retryAfterMs ?? 0)).toISOString();
}
