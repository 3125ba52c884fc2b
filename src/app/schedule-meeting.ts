import { compareMeetings, type Meeting, type MeetingRecord } from '../domain';
import type { MeetingWorkflow } from '../ports/meeting-workflow';
import type { AppDeps } from './deps';
import { publishMeetingEvent, type MeetingEventDeps } from './events/publish-events';

export type ScheduleMeetingDeps = Pick<AppDeps, 'meetings' | 'clock' | 'log'> & MeetingEventDeps;

export type ScheduleOutcome =
  | { readonly kind: 'accepted'; readonly meetingId: string; readonly status: MeetingRecord['status']; readonly version: number }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'conflict'; readonly detail: string };

const MAX_TRIES = 5;

/**
 * ScheduleMeeting (mode `create`: a new meeting or, for an existing ID, an update) and UpdateMeeting
 * (mode `update`: the meeting must exist). The same body again changes nothing and sends nothing.
 * A change of time, place, link or contact address bumps the version, so its confirmation is sent
 * again and the reminder re-planned; other changes are stored without a new version. Writes are
 * conditional (ETag), so concurrent identical requests store one meeting and start one orchestration.
 */
export async function scheduleMeeting(deps: ScheduleMeetingDeps, workflow: MeetingWorkflow, meeting: Meeting, mode: 'create' | 'update'): Promise<ScheduleOutcome> {
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const now = deps.clock.now();
    const existing = await deps.meetings.get(meeting.meetingId);
    if (!existing) {
      if (mode === 'update') return { kind: 'notFound' };
      const record: MeetingRecord = { ...meeting, status: 'scheduled', version: 1, versionAt: now.toISOString(), cancellation: null };
      const created = await deps.meetings.create(record);
      if (!created.ok) continue; // created concurrently: compare with it on the next pass
      deps.log.info(`meeting ${meeting.meetingId} scheduled (version 1)`);
      await workflow.start(meeting.meetingId);
      await publishMeetingEvent(deps, workflow, 'meeting.scheduled', record, { cause: `${record.meetingId}|scheduled` });
      return accepted(record);
    }
    const current = existing.record;
    const change = compareMeetings(current, meeting);
    if (change.kind === 'none') {
      if (current.status === 'scheduled') await workflow.ensureRunning(meeting.meetingId);
      // A repeat of the creating request (the first may have died after its write) publishes the same event, once.
      if (mode === 'create' && current.version === 1 && current.status === 'scheduled') {
        await publishMeetingEvent(deps, workflow, 'meeting.scheduled', current, { cause: `${current.meetingId}|scheduled` });
      }
      return accepted(current);
    }
    if (current.status !== 'scheduled') return { kind: 'conflict', detail: `The meeting is ${current.status}; it can no longer be changed.` };
    const next: MeetingRecord = {
      ...current,
      ...meeting,
      version: change.bumpsVersion ? current.version + 1 : current.version,
      versionAt: change.bumpsVersion ? now.toISOString() : current.versionAt,
    };
    const saved = await deps.meetings.replace(next, existing.etag);
    if (!saved.ok) continue;
    deps.log.info(`meeting ${meeting.meetingId} updated (${change.kind}: ${change.changed.join(', ')}; version ${next.version})`);
    await workflow.notifyChanged(meeting.meetingId);
    // One event per stored write (its ETag): a request repeated after it finds no change and publishes none.
    await publishMeetingEvent(deps, workflow, 'meeting.updated', next, { cause: `${next.meetingId}|${next.version}|${saved.etag}` });
    return accepted(next);
  }
  return { kind: 'conflict', detail: 'The meeting is being changed by another request; try again.' };
}

function accepted(record: MeetingRecord): ScheduleOutcome {
  return { kind: 'accepted', meetingId: record.meetingId, status: record.status, version: record.version };
}
