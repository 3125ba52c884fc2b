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
export async function cancelMeeting(deps: AppDeps, workflow: MeetingWorkflow, meetingId: string, request: { source: CancellationSource; reason?: string | null }): Promise<CancelOutcome> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await deps.meetings.get(meetingId);
    if (!stored) return { kind: 'notFound' };
    const result = cancelMeetingRecord(stored.record, { now: deps.clock.now(), source: request.source, reason: request.reason });
    if (!result.ok) {
      const error = result.errors[0];
      if (error?.code === 'started') return { kind: 'started' };
      return { kind: 'conflict', detail: `The meeting is ${stored.record.status}.` };
    }
    if (!result.value.changed) return { kind: 'cancelled', meetingId, changed: false };
    const saved = await deps.meetings.replace(result.value.record, stored.etag);
    if (!saved.ok) continue;
    deps.log.info(`meeting ${meetingId} cancelled (${request.source})`);
    await workflow.notifyChanged(meetingId);
    return { kind: 'cancelled', meetingId, changed: true };
  }
  return { kind: 'conflict', detail: 'The meeting is being changed by another request; try again.' };
}
