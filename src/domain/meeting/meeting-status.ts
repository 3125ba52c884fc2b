import { fail, ok, type Result } from '../result';
import type { CancellationSource, MeetingRecord, MeetingStatus } from './meeting-schema';

/** Why a status change was refused; `code` lets the HTTP layer pick 409 or 422. */
export interface StatusError {
  readonly path: 'status' | 'start';
  readonly message: string;
  readonly code: 'final' | 'started';
}

const ALLOWED: Readonly<Record<MeetingStatus, readonly MeetingStatus[]>> = {
  scheduled: ['cancelled', 'completed'],
  cancelled: [],
  completed: [],
};

/**
 * Checks a status change: `scheduled → cancelled | completed`; `cancelled` and `completed` are final.
 * Staying in the same status is allowed and reported as `changed: false` (a repeated cancel is harmless).
 */
export function transitionStatus(from: MeetingStatus, to: MeetingStatus): Result<{ status: MeetingStatus; changed: boolean }, StatusError> {
  if (from === to) return ok({ status: to, changed: false });
  if (ALLOWED[from].includes(to)) return ok({ status: to, changed: true });
  return fail({ path: 'status', code: 'final', message: `the meeting is already ${from}` });
}

/** What {@link cancelMeetingRecord} needs to know about the cancellation. */
export interface CancelRequest {
  readonly now: Date;
  readonly source: CancellationSource;
  readonly reason?: string | null;
}

/**
 * Cancels a meeting record. A meeting already cancelled is returned unchanged (`changed: false`, so no
 * second notice); a completed meeting, or one whose start has passed, cannot be cancelled. External
 * cancellations are accepted after the start too: they only record what happened elsewhere.
 */
export function cancelMeetingRecord(record: MeetingRecord, request: CancelRequest): Result<{ record: MeetingRecord; changed: boolean }, StatusError> {
  const transition = transitionStatus(record.status, 'cancelled');
  if (!transition.ok) return transition;
  if (!transition.value.changed) return ok({ record, changed: false });
  if (request.source !== 'external' && request.now.getTime() >= Date.parse(record.start)) {
    return fail({ path: 'start', code: 'started', message: 'the meeting has already started' });
  }
  const cancellation = { cancelledAt: request.now.toISOString(), source: request.source, reason: request.reason?.trim() || null };
  return ok({ record: { ...record, status: 'cancelled', cancellation }, changed: true });
}
