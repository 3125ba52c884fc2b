import { parseSendKey } from '../../domain';
import type { DeliveredEvent, UndeliveredEvent } from '../../ports/inbound';
import type { SentMessageRef } from '../../ports/message-index';
import type { AppDeps } from '../deps';
import type { MeetingWorkflow } from '../../ports/meeting-workflow';
import { publishCommunicationEvent, type PublishDeps } from '../events/publish-events';

export type DeliveryReportDeps = Pick<AppDeps, 'ledger' | 'messageIndex' | 'meetings' | 'clock' | 'log'> & PublishDeps;

/**
 * How long a report for a message we cannot find is answered "try again": the send core indexes the
 * provider's ID right after the provider accepted, so a report can overtake it only briefly. Event Grid
 * retries within this hour (10 s, 30 s, 1 min, 5 min, …); a report older than that is not ours, or its
 * send was purged, and is dropped.
 */
export const UNMATCHED_RETRY_MS = 60 * 60 * 1000;

/** Thrown for a delivery report that may match a send not yet recorded: the webhook answers 503 and Event Grid retries. */
export class ReportNotYetMatched extends Error {
  readonly code = 'REPORT_NOT_YET_MATCHED';
  override readonly name = 'ReportNotYetMatched';
  constructor(readonly eventId: string) {
    super(`event ${eventId}: no send for its message ID yet`);
  }
}

export type DeliveryReportOutcome = { readonly outcome: 'applied'; readonly sendKey: string } | { readonly outcome: 'unmatched' };

/**
 * The send a report is about: an SMS echoes our send key in its tag (a meeting send key names the
 * meeting); otherwise (email, a test send's SMS) the message index maps the provider's ID to it.
 */
async function locate(deps: DeliveryReportDeps, event: DeliveredEvent | UndeliveredEvent): Promise<SentMessageRef | undefined> {
  const parts = event.sendKey === undefined ? undefined : parseSendKey(event.sendKey);
  if (parts && event.sendKey !== undefined) return { about: { kind: 'meeting', id: parts.meetingId }, sendKey: event.sendKey };
  return deps.messageIndex.find(event.providerMessageId);
}

/**
 * Moves the ledger row of a delivery report forward: `delivered`, or `failed` with the provider's safe
 * reason. The ledger applies reports in any order and only forward (a report before "sent" finds the row
 * `claimed`; a late failure after `delivered` changes nothing), so applying the same report twice is
 * harmless. A failed row is final: the send core never sends its key again.
 */
export async function applyDeliveryReport(deps: DeliveryReportDeps, workflow: MeetingWorkflow | undefined, event: DeliveredEvent | UndeliveredEvent): Promise<DeliveryReportOutcome> {
  const ref = await locate(deps, event);
  const now = deps.clock.now();
  if (!ref) {
    if (now.getTime() - Date.parse(event.at) < UNMATCHED_RETRY_MS) throw new ReportNotYetMatched(event.eventId);
    deps.log.warn(`event ${event.eventId}: ${event.kind} report for an unknown message, dropped`);
    return { outcome: 'unmatched' };
  }
  const outcome = event.kind === 'delivered' ? { delivered: true } : { delivered: false, reason: event.permanent ? `${event.reason} (permanent)` : event.reason };
  // Recorded at the provider's time of delivery, not at when the report reached us.
  await deps.ledger.markDelivered(ref.about, ref.sendKey, outcome, new Date(event.at));
  deps.log.info(`event ${event.eventId}: send ${ref.sendKey} ${event.kind}`);
  // Published when the ledger took the report (a late failure after `delivered` changes nothing, and says nothing).
  const entry = await deps.ledger.get(ref.about, ref.sendKey);
  const status = event.kind === 'delivered' ? 'delivered' : 'failed';
  if (entry?.status === status) {
    await publishCommunicationEvent(deps, workflow, {
      about: ref.about, sendKey: ref.sendKey, type: entry.type, channel: entry.channel, status,
      ...(event.kind === 'undelivered' ? { reason: event.reason, permanent: event.permanent } : {}), at: new Date(event.at),
    });
  }
  return { outcome: 'applied', sendKey: ref.sendKey };
}
