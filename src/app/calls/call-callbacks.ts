import { callIdFor, parseOperationContext } from '../../domain';
import type { CallEvent } from '../../ports/calls';
import type { MeetingWorkflow } from '../../ports/meeting-workflow';
import type { SendOutcome } from '../dispatch/send-outcome';
import type { AppDeps } from '../deps';

export interface CallbackOutcome {
  /** Callbacks stored for their call (each once). */
  readonly stored: number;
  readonly duplicates: number;
  /** Callbacks for no call of ours: answered 200 and ignored. */
  readonly unknown: number;
}

/**
 * POST /api/events/calls, once parsed: each callback is matched to its call by the operationContext
 * we gave the action (else by its connection ID), stored once per event ID, and the call's
 * orchestration is started if need be and told. Callbacks arrive at least once and in any order: a
 * duplicate is stored once, and the orchestration's machine orders them out. Nothing is decided here.
 */
export async function handleCallEvents(deps: Pick<AppDeps, 'calls' | 'clock' | 'log'>, workflow: MeetingWorkflow, events: readonly CallEvent[]): Promise<CallbackOutcome> {
  let stored = 0;
  let duplicates = 0;
  let unknown = 0;
  for (const event of events) {
    const byContext = parseOperationContext(event.operationContext)?.callId;
    let found = byContext !== undefined ? await deps.calls.get(byContext) : undefined;
    if (!found) {
      const byConnection = await deps.calls.byConnection(event.callConnectionId);
      found = byConnection !== undefined ? await deps.calls.get(byConnection) : undefined;
    }
    if (!found) {
      unknown += 1;
      deps.log.info(`calls: ${event.type} ${event.eventId} is for no call of ours, ignored`);
      continue;
    }
    const { call } = found;
    const fresh = await deps.calls.addEvent(call.callId, event, deps.clock.now().toISOString());
    if (fresh) stored += 1;
    else duplicates += 1;
    // An ended call takes only a key pressed just before the hang-up; a redelivery nudges again, in
    // case the first delivery died between storing and telling.
    const live = call.state.phase !== 'ended' || call.retryAt !== null || event.kind === 'recognized';
    if (live) {
      await workflow.startCall(call.callId);
      await workflow.nudgeCall(call.callId);
    }
  }
  return { stored, duplicates, unknown };
}

/** After a voice send: the call's orchestration waits for its callbacks (a resumed send starts the same one). */
export async function startCallAfterSend(workflow: MeetingWorkflow, sendKey: string, outcome: SendOutcome): Promise<void> {
  if (outcome.status === 'sent') await workflow.startCall(callIdFor(sendKey));
}
