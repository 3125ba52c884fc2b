import type { AppDeps } from '../app/deps';
import type { MeetingWorkflow } from '../ports/meeting-workflow';
import type { BroadcastCursor, CallRef, CallStep, DeliveryRef, FailureRecord, MeetingRef, PromptAnswer, PromptRef, PromptStep, SendRequest } from '../workflows/steps';
import { advanceCallStep } from '../app/calls/advance-call';
import { redialCall } from '../app/calls/redial-call';
import { timeOutPrompt } from '../app/replies/answer-prompt';
import { answerPromptReply } from '../app/replies/stop-listening';
import { deliverWebhook, type DeliveryStep } from '../app/webhooks/deliver-webhook';
import { KeyedLimiter } from '../app/webhooks/keyed-limiter';
import { notifyScheduled } from './notify-scheduled';
import { planMeetingStep } from './plan-meeting-step';
import { syncOnlineMeeting, type OnlineSyncResult } from '../app/online/sync-online-meeting';
import { recordSendFailure, sendDispatch } from './send-dispatch';
import { sendDeflection, type DeflectionRef, type DeflectionStep } from '../app/deflections/send-deflection';

/** Webhook POSTs in flight to one subscription at once, per app instance. */
export const WEBHOOK_CONCURRENCY = 4;

/** What an activity may use of its invocation besides its input (built lazily, per invocation). */
export interface ActivityInvocation {
  /** The meeting orchestrations, through this invocation's durable client binding. */
  readonly workflow: () => MeetingWorkflow;
}

/**
 * Every activity, built over the app's dependencies. Orchestrators call them by key through
 * `callActivity` (src/workflows/call-activity.ts), which infers each one's input and result from
 * this factory; `functions/workflows.ts` registers them under the names in `ACTIVITY`.
 */
export function createActivities(deps: AppDeps) {
  // Per app instance (DESIGN.md "Webhooks"): at most this many POSTs in flight to one subscription.
  const perSubscription = new KeyedLimiter(WEBHOOK_CONCURRENCY);
  return {
    planStep: (input: MeetingRef, _invocation?: ActivityInvocation) => planMeetingStep(deps, input),
    syncOnline: (input: MeetingRef, invocation?: ActivityInvocation): Promise<OnlineSyncResult> => syncOnlineMeeting(deps, input.meetingId, invocation?.workflow),
    send: (input: SendRequest, invocation?: ActivityInvocation) => sendDispatch(deps, input, invocation?.workflow),
    recordFailure: (input: FailureRecord, invocation?: ActivityInvocation) => recordSendFailure(deps, input, invocation?.workflow),
    notifyScheduled: (input: BroadcastCursor, invocation: ActivityInvocation) => notifyScheduled(deps, invocation.workflow(), input),
    answerPrompt: (input: PromptAnswer, invocation: ActivityInvocation): Promise<PromptStep> => answerPromptReply(deps, invocation.workflow(), input.promptId, input.reply, input.final === true),
    closePrompt: (input: PromptRef, invocation: ActivityInvocation): Promise<PromptStep> => timeOutPrompt(deps, invocation.workflow(), input.promptId),
    deliverWebhook: (input: DeliveryRef, _invocation?: ActivityInvocation): Promise<DeliveryStep> => deliverWebhook(deps, perSubscription, input),
    sendDeflection: (input: DeflectionRef, invocation?: ActivityInvocation): Promise<DeflectionStep> => sendDeflection(deps, input, invocation?.workflow()),
    advanceCall: (input: CallRef, invocation: ActivityInvocation): Promise<CallStep> => advanceCallStep(deps, invocation.workflow(), input.callId, input.timedOut === true),
    redialCall: (input: CallRef, _invocation?: ActivityInvocation): Promise<CallStep> => redialCall(deps, input.callId),
  };
}

/** The activities, as the orchestrators see their types. */
export type Activities = ReturnType<typeof createActivities>;
