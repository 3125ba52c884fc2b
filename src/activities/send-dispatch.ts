import { isNothingToSend } from '../app/dispatch/pending-send';
import { sendOnce, type SendOnceDeps } from '../app/dispatch/send-once';
import type { SendOutcome } from '../app/dispatch/send-outcome';
import { SEND_SOURCES, type SourceDeps } from '../app/dispatch/sources';
import type { FailureRecord, SendRequest } from '../workflows/steps';
import type { MeetingWorkflow } from '../ports/meeting-workflow';
import { publishCommunicationEvent, type PublishDeps } from '../app/events/publish-events';
import type { AppDeps } from '../app/deps';

export type SendActivityDeps = SendOnceDeps & SourceDeps & PublishDeps & Pick<AppDeps, 'meetings'>;

/**
 * The one send activity: asks the producer of the request's subject what the key stands for, then
 * claims, sends and records it (see sendOnce). It knows nothing of meetings.
 */
export async function sendDispatch(deps: SendActivityDeps, req: SendRequest, workflow?: () => MeetingWorkflow): Promise<SendOutcome> {
  const source = SEND_SOURCES[req.about.kind];
  if (!source) return { status: 'skipped', reason: `nothing sends messages about a ${req.about.kind}` };
  const pending = await source(deps, req.about.id, req.sendKey);
  if (isNothingToSend(pending)) return { status: 'skipped', reason: pending.skip };
  const outcome = await sendOnce(deps, pending, req.slot);
  // Every time the outcome is known, also when it was recorded before (the event keeps its ID): a crash
  // between the record and the event is made good by the retried activity.
  if (outcome.status === 'sent' || outcome.status === 'failed') {
    await publishCommunicationEvent(deps, workflow?.(), {
      about: req.about, sendKey: req.sendKey, type: pending.type, channel: pending.channel, status: outcome.status,
      ...(pending.contactId !== undefined ? { contactId: pending.contactId } : {}),
      ...(outcome.status === 'failed' ? { reason: outcome.reason } : {}), at: deps.clock.now(),
    });
  }
  // What the producer does after a send (a meeting's SMS opening its prompt) is the producer's.
  if (workflow && pending.afterSend) await pending.afterSend(outcome, workflow());
  return outcome;
}

/**
 * Records a send the orchestration gave up on (its activity kept failing) as `failed`, so that no
 * reader sees it "planned" forever. A send already recorded keeps its record.
 */
export async function recordSendFailure(deps: SendActivityDeps, req: FailureRecord, workflow?: () => MeetingWorkflow): Promise<void> {
  const now = deps.clock.now();
  const entry = await deps.ledger.get(req.about, req.sendKey);
  if (entry && entry.status !== 'claimed') return;
  if (!entry) {
    const pending = await SEND_SOURCES[req.about.kind]?.(deps, req.about.id, req.sendKey);
    if (!pending || isNothingToSend(pending)) return;
    const claim = await deps.ledger.claim({ sendKey: req.sendKey, about: req.about, type: pending.type, channel: pending.channel, plannedFor: pending.plannedFor }, now);
    if (!claim.claimed && claim.entry.status !== 'claimed') return;
  }
  await deps.ledger.markFailed(req.about, req.sendKey, req.reason, now);
  deps.log.warn(`send ${req.sendKey}: given up (${req.reason})`);
  const failed = await deps.ledger.get(req.about, req.sendKey);
  if (failed) await publishCommunicationEvent(deps, workflow?.(), { about: req.about, sendKey: req.sendKey, type: failed.type, channel: failed.channel, status: 'failed', reason: req.reason, at: now });
}
