import type { About } from '../ports/dispatch';
import type { PromptReply } from '../ports/meeting-workflow';

/** A send the planner lined up for when a sleep ends: its key and, when paced, the slot it reserved. */
export interface LinedUpSend {
  readonly sendKey: string;
  readonly slot?: string;
}

/**
 * What the planning activity tells the meeting orchestration to do next. A sleep may line up the
 * sends due when it ends (`then`): if nothing changed meanwhile they are sent straight away, without
 * planning again (the send checks everything itself), so a burst costs one activity less per message.
 */
export type PlanStep =
  | { readonly kind: 'send'; readonly sendKeys: readonly string[] }
  | { readonly kind: 'sleep'; readonly until: string; readonly then?: readonly LinedUpSend[] }
  /** The meeting's Teams meeting needs a Graph call (create, move, delete) first. */
  | { readonly kind: 'online' }
  | { readonly kind: 'done'; readonly reason: string };

/**
 * The meeting orchestration's input. `failedRounds` counts consecutive cycles whose activities kept
 * failing after the host's retries (carried across continue-as-new); it resets on any success.
 */
export interface MeetingRef {
  readonly meetingId: string;
  readonly failedRounds?: number;
}

/** One send, channel-neutral: what it is about, its key, and the pacer slot reserved for it, if any. */
export interface SendRequest {
  readonly about: About;
  readonly sendKey: string;
  readonly slot?: string;
}

/** A send the orchestration gave up on, to be recorded `failed` with the reason. */
export interface FailureRecord extends SendRequest {
  readonly reason: string;
}

export interface BroadcastCursor { readonly after?: string }
export interface NotifyPage { readonly next?: string; readonly notified: number }

/** A prompt orchestration's input: which prompt, and when it stops waiting. */
export interface PromptRef { readonly promptId: string; readonly closesAt: string }
/**
 * The matching activity's input: a reply (or a nudge) for one prompt. `final`: the last reply the
 * orchestration takes; a prompt still open after it stops listening, so later replies go to staff.
 */
export interface PromptAnswer { readonly promptId: string; readonly reply: PromptReply; readonly final?: boolean }
/** What the matching activity tells the orchestration: whether its prompt has ended, and how. */
export interface PromptStep { readonly closed: boolean; readonly outcome: string }

/** A webhook delivery orchestration's input: one event for one subscription. */
export interface DeliveryRef { readonly eventId: string; readonly subscriptionId: string }

/** A call orchestration's input, and its activities': which call; `timedOut` when its wait ran out with no callback. */
export interface CallRef { readonly callId: string; readonly timedOut?: boolean }
/** What the call's activity tells its orchestration: wait for a callback (until a deadline), dial again later, or stop. */
export type CallStep =
  | { readonly kind: 'wait'; readonly until: string }
  | { readonly kind: 'redial'; readonly at: string }
  | { readonly kind: 'done'; readonly outcome: string };
