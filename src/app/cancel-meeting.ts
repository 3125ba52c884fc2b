import { cancelMeetingRecord, type CancellationSource } from '../domain';
import type { MeetingWorkflow } from '../ports/meeting-workflow';
import type { AppDeps } from './deps';

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

/**
 * Waits until no confirmation or reminder of the meeting is mid-send (claimed, not yet recorded).
 * With the send's own check after its claim, this means nothing but the cancellation notice can go
 * out once the cancel is acknowledged.
 */
async function settleInFlightSends(deps: AppDeps, meetingId: string): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const inFlight = (await deps.ledger.listForMeeting(meetingId)).filter((e) => e.status === 'claimed' && e.type !== 'cancellation');
    if (inFlight.length === 0) return;
    if (Date.now() > deadline) {
      deps.log.warn(`meeting ${meetingId}: ${inFlight.length} send(s) still in flight after the cancellation`);
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function cancelMeeting(deps: AppDeps, workflow: MeetingWorkflow, meetingId: string, request: CancelRequest): Promise<CancelOutcome> {
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
    if (!result.value.changed) return { kind: 'cancelled', meetingId, changed: false };
    const saved = await deps.meetings.replace(result.value.record, stored.etag);
    if (!saved.ok) continue;
    deps.log.info(`meeting ${meetingId} cancelled (${request.source})`);
    await settleInFlightSends(deps, meetingId);
    await workflow.notifyChanged(meetingId);
    return { kind: 'cancelled', meetingId, changed: true };
  }
  return { kind: 'conflict', detail: 'The meeting is being changed by another request; try again.' };
}
