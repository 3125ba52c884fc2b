import { cancelMeetingRecord, type CancellationSource, type MeetingRecord } from '../domain';
import type { MeetingWorkflow } from '../ports/meeting-workflow';
import type { AppDeps } from './deps';
import { publishMeetingEvent, type MeetingEventDeps } from './events/publish-events';

export type CancelMeetingDeps = Pick<AppDeps, 'meetings' | 'ledger' | 'clock' | 'log'> & MeetingEventDeps;

export type CancelOutcome =
  | { readonly kind: 'cancelled'; readonly meetingId: string; readonly changed: boolean }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'started' }
  | { readonly kind: 'conflict'; readonly detail: string };

/**
 * Cancels a meeting. Pending messages stop (the orchestration re-plans on MeetingChanged); a
 * cancellation notice follows when it came through this product and the settings allow it, never
 * for `external` cancellations. A repeat is harmless: no second change, no second notice.
 */
/** Who cancels and why; with `contactId`, only that contact's meeting may be cancelled. */
export interface CancelRequest {
  readonly source: CancellationSource;
  readonly reason?: string | null;
  readonly contactId?: string;
}

const SETTLE_TIMEOUT_MS = 15_000;
const SETTLE_POLL_MS = 100;

/**
 * Waits until no confirmation or reminder of the meeting is mid-send (claimed, not yet recorded).
 * With the send's own check after its claim, this means nothing but the cancellation notice can go
 * out once the cancel is acknowledged. A deferred send (waiting for its retry time) is not mid-send:
 * it checks the meeting again before it retries. Time comes from the Clock port.
 */
async function settleInFlightSends(deps: CancelMeetingDeps, meetingId: string): Promise<void> {
  const deadline = deps.clock.now().getTime() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const entries = await deps.ledger.list({ kind: 'meeting', id: meetingId });
    const inFlight = entries.filter((e) => e.status === 'claimed' && e.retryAt === null && e.type !== 'cancellation');
    if (inFlight.length === 0) return;
    if (deps.clock.now().getTime() > deadline) {
      deps.log.warn(`meeting ${meetingId}: ${inFlight.length} send(s) still in flight after the cancellation`);
      return;
    }
    await deps.clock.sleep(SETTLE_POLL_MS);
  }
}

export async function cancelMeeting(deps: CancelMeetingDeps, workflow: MeetingWorkflow, meetingId: string, request: CancelRequest): Promise<CancelOutcome> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await deps.meetings.get(meetingId);
    // Another contact's meeting is answered exactly like an unknown one: IDs cannot be probed.
    if (!stored || (request.contactId !== undefined && stored.record.contact.contactId !== request.contactId)) return { kind: 'notFound' };
    const result = cancelMeetingRecord(stored.record, { now: deps.clock.now(), source: request.source, reason: request.reason });
    if (!result.ok) {
      const error = result.errors[0];
      if (error?.code === 'started' || stored.record.status === 'completed') return { kind: 'started' };
      return { kind: 'conflict', detail: `The meeting is ${stored.record.status}.` };
    }
    if (!result.value.changed) {
      // Cancelled already, perhaps by a request that died before publishing: the same event, once.
      await publishCancelled(deps, workflow, stored.record);
      return { kind: 'cancelled', meetingId, changed: false };
    }
    const saved = await deps.meetings.replace(result.value.record, stored.etag);
    if (!saved.ok) continue;
    deps.log.info(`meeting ${meetingId} cancelled (${request.source})`);
    await settleInFlightSends(deps, meetingId);
    await workflow.notifyChanged(meetingId);
    await publishCancelled(deps, workflow, result.value.record);
    return { kind: 'cancelled', meetingId, changed: true };
  }
  return { kind: 'conflict', detail: 'The meeting is being changed by another request; try again.' };
}

/** `meeting.cancelled`, once per meeting (a meeting is cancelled at most once). */
async function publishCancelled(deps: CancelMeetingDeps, workflow: MeetingWorkflow, record: MeetingRecord): Promise<void> {
  if (record.status === 'cancelled') await publishMeetingEvent(deps, workflow, 'meeting.cancelled', record, { cause: `${record.meetingId}|cancelled` });
}
