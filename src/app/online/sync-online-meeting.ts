import { parseSendKey, TEAMS_RETRY, teamsRetryAt, teamsWork, type MeetingRecord, type TeamsMeetingState, type TeamsWork } from '../../domain';
import { OnlineMeetingError } from '../../ports/online-meetings';
import type { MeetingWorkflow } from '../../ports/meeting-workflow';
import type { AppDeps } from '../deps';
import { publishMeetingEvent, type MeetingEventDeps } from '../events/publish-events';

export type SyncOnlineMeetingDeps = Pick<AppDeps, 'meetings' | 'ledger' | 'clock' | 'log' | 'onlineMeetings'> & MeetingEventDeps;

/** What one sync did: nothing, the Graph call that succeeded, or a failure kept for a retry (or given up). */
export interface OnlineSyncResult {
  readonly outcome: 'none' | 'created' | 'updated' | 'deleted' | 'deferred' | 'gaveUp';
  readonly retryAt?: string;
}

const NO_STATE: TeamsMeetingState = { id: null, organizer: null, joinUrl: null, synced: null, attempts: 0, retryAt: null, error: null, failedVersion: null, gaveUp: false };
const MAX_WRITES = 5;
const DONE = { create: 'created', update: 'updated', delete: 'deleted' } as const;

/**
 * The meeting's Teams meeting made to match it (the SyncOnlineMeeting activity; idempotent): created
 * through createOrGet with the meeting ID as `externalId`, moved when its subject or times changed,
 * deleted when it was cancelled or is no longer wanted. A failure is kept on the meeting with its
 * retry time (the planner wakes the orchestration then); nothing here throws for a Graph answer, so a
 * failing Graph never holds a confirmation beyond TEAMS_LINK_WAIT. A join link that arrives after a
 * confirmation or reminder of this version went without it makes a new version: its update carries
 * the link. Only this activity writes `teams`; other writers keep it as read.
 */
export async function syncOnlineMeeting(deps: SyncOnlineMeetingDeps, meetingId: string, workflow?: () => MeetingWorkflow): Promise<OnlineSyncResult> {
  const stored = await deps.meetings.get(meetingId);
  if (!stored) return { outcome: 'none' };
  const now = deps.clock.now();
  const work = teamsWork(stored.record, now);
  if (work.kind === 'none' || Date.parse(work.dueAt) > now.getTime()) return { outcome: 'none' };
  const before = stored.record.teams ?? NO_STATE;
  let next: TeamsMeetingState;
  let result: OnlineSyncResult;
  try {
    next = await perform(deps, work.kind, stored.record, before);
    result = { outcome: DONE[work.kind] };
  } catch (error) {
    if (!(error instanceof OnlineMeetingError)) throw error;
    next = failedState(before, error, now, stored.record.version);
    result = next.gaveUp ? { outcome: 'gaveUp' } : { outcome: 'deferred', retryAt: next.retryAt as string };
    report(deps, meetingId, work, next, error);
  }
  // The Graph call is done: its result is written onto whatever the meeting is now (an update or a
  // cancel may have been saved meanwhile; the next plan then sees the difference and syncs again).
  let current = stored;
  for (let write = 0; write < MAX_WRITES; write++) {
    const record = await withLateLink(deps, current.record, next);
    const saved = await deps.meetings.replace(record, current.etag);
    if (saved.ok) {
      const newVersion = record.version !== current.record.version;
      if (result.outcome !== 'deferred' && result.outcome !== 'gaveUp') deps.log.info(`meeting ${meetingId}: Teams meeting ${result.outcome}${newVersion ? ` (version ${record.version} carries the join link)` : ''}`);
      // A new version is a stored change like an update's: subscribers hear of it once (its ETag).
      if (newVersion) await publishMeetingEvent(deps, workflow?.(), 'meeting.updated', record, { cause: `${meetingId}|${record.version}|${saved.etag}` });
      return result;
    }
    const fresh = await deps.meetings.get(meetingId);
    if (!fresh) return { outcome: 'none' };
    current = fresh;
  }
  throw new Error(`meeting ${meetingId}: the Teams meeting state could not be saved (the meeting kept changing)`);
}

async function perform(deps: SyncOnlineMeetingDeps, kind: 'create' | 'update' | 'delete', record: MeetingRecord, state: TeamsMeetingState): Promise<TeamsMeetingState> {
  const times = { subject: record.subject, start: record.start, end: record.end };
  if (kind === 'create') {
    const created = await deps.onlineMeetings.ensure({ externalId: record.meetingId, advisorEmail: record.advisor.email, ...times });
    return { ...NO_STATE, id: created.id, organizer: created.organizer, joinUrl: created.joinUrl, synced: times };
  }
  const ref = { id: state.id as string, organizer: state.organizer as string };
  if (kind === 'delete') {
    await deps.onlineMeetings.remove(ref);
    return NO_STATE;
  }
  const moved = await deps.onlineMeetings.update(ref, times);
  // Deleted in Teams meanwhile: forget it, so the next sync creates it again.
  if (moved === 'missing') return NO_STATE;
  return { ...NO_STATE, id: moved.id, organizer: moved.organizer, joinUrl: moved.joinUrl, synced: times };
}

function failedState(state: TeamsMeetingState, error: OnlineMeetingError, now: Date, version: number): TeamsMeetingState {
  const attempts = (state.failedVersion === version ? state.attempts : 0) + 1;
  const gaveUp = error.kind === 'permanent' || attempts >= TEAMS_RETRY.maxAttempts;
  return { ...state, attempts, failedVersion: version, gaveUp, retryAt: gaveUp ? null : teamsRetryAt(now, attempts, error.retryAfterMs), error: error.message.slice(0, 500) };
}

function report(deps: SyncOnlineMeetingDeps, meetingId: string, work: TeamsWork, state: TeamsMeetingState, error: OnlineMeetingError): void {
  const then = state.gaveUp ? 'gave up' : `retry at ${state.retryAt}`;
  deps.log.warn(`meeting ${meetingId}: Teams meeting ${work.kind} failed (${error.kind}, attempt ${state.attempts}, ${then}): ${error.message}`);
}

/**
 * `record` with the new Teams state; a new version when the join link is new and a confirmation or
 * reminder of the current version was already claimed (it went, or is going, without the link).
 */
async function withLateLink(deps: SyncOnlineMeetingDeps, record: MeetingRecord, next: TeamsMeetingState): Promise<MeetingRecord> {
  const updated: MeetingRecord = { ...record, teams: next };
  const newLink = next.joinUrl !== null && next.joinUrl !== (record.teams?.joinUrl ?? null);
  if (!newLink || record.status !== 'scheduled') return updated;
  const ledger = await deps.ledger.list({ kind: 'meeting', id: record.meetingId });
  const wentWithout = ledger.some((e) => {
    const parts = parseSendKey(e.sendKey);
    return parts?.version === record.version && parts.type !== 'cancellation';
  });
  return wentWithout ? { ...updated, version: record.version + 1, versionAt: deps.clock.now().toISOString() } : updated;
}
