import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler, Task } from 'durable-functions';
import type { SendOutcome } from '../app/dispatch/send-outcome';
import { awaitAll, awaitAny, awaitTask, callActivity } from './call-activity';
import { EVENT } from './names';
import type { LinedUpSend, MeetingRef, PlanStep } from './steps';

/** Storage hiccups are retried by the host: 5 attempts, 10 s doubling to at most 5 min. */
const ACTIVITY_RETRY = Object.assign(new df.RetryOptions(10_000, 5), { backoffCoefficient: 2, maxRetryIntervalInMilliseconds: 300_000 });

/** Cycles per execution before continueAsNew trims the history. */
const CYCLES_PER_EXECUTION = 8;

/** After a cycle whose activities failed even with the host's retries: wait this long times the rounds so far. */
const FAILED_ROUND_PAUSE_MS = 15 * 60_000;
/** Failed rounds in a row after which the sends of that cycle are recorded failed and the plan moves on. */
const MAX_FAILED_ROUNDS = 3;

/**
 * One orchestration per meeting. Each cycle asks the planning activity what to do (all decisions
 * live there), sends what is due, or sleeps until the next due time racing a MeetingChanged event
 * (reschedule, cancel, settings change); sends the planner lined up for the end of a sleep go
 * straight out when it rings (no second plan). It never dies of a send: a provider that cannot take a
 * message defers it (the orchestration sleeps until the earliest retry time, then sends it again); an
 * activity that keeps failing is paused on, and after a few rounds its sends are recorded failed
 * with the reason and the next planned communication goes on. Every few cycles it continues as
 * new so history stays small. It ends when the meeting has started or its cancellation is done.
 */
export const meetingOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = context.df.getInput<MeetingRef>();
  const about = { kind: 'meeting', id: input.meetingId } as const;
  const changes = changeListener(context);
  let failedRounds = input.failedRounds ?? 0;
  // Deferred sends whose retry time has just come: sent again without planning first.
  let retrying: readonly LinedUpSend[] = [];
  for (let cycle = 0; cycle < CYCLES_PER_EXECUTION; cycle++) {
    let lined = retrying;
    retrying = [];
    if (lined.length === 0) {
      const next = yield* planNext(context, changes, input.meetingId);
      if (next.kind === 'done') return next.reason;
      if (next.kind === 'failed') {
        failedRounds += 1;
        yield* changes.sleepUntil(pauseUntil(context, failedRounds));
        continue;
      }
      if (next.kind === 'slept') failedRounds = 0;
      lined = next.sends;
      if (lined.length === 0) continue;
    }
    const sends = lined.map(({ sendKey, slot }) => ({ sendKey, typed: callActivity(context, 'send', { about, sendKey, ...(slot !== undefined ? { slot } : {}) }, ACTIVITY_RETRY) }));
    try {
      const outcomes = yield* awaitAll(context, sends.map((s) => s.typed));
      failedRounds = 0;
      const retryAt = earliestRetry(outcomes);
      if (retryAt !== undefined && (yield* changes.sleepUntil(retryAt))) {
        retrying = sends.filter((_, i) => outcomes[i]?.status === 'deferred' && (outcomes[i] as { retryAt: string }).retryAt === retryAt).map(({ sendKey }) => ({ sendKey }));
      }
    } catch (error) {
      failedRounds += 1;
      if (failedRounds < MAX_FAILED_ROUNDS) {
        yield* changes.sleepUntil(pauseUntil(context, failedRounds));
        continue;
      }
      const reason = `could not be sent: ${error instanceof Error ? error.message.slice(0, 300) : 'the send kept failing'}`;
      yield* giveUp(context, changes, sends.filter((s) => s.typed.task.isFaulted).map((s) => s.sendKey), about, reason);
      failedRounds = 0;
    }
  }
  context.df.continueAsNew({ meetingId: input.meetingId, ...(failedRounds > 0 ? { failedRounds } : {}) } satisfies MeetingRef);
  return undefined;
};

/**
 * Asks the planner, and does what it says short of sending: sleeps (racing MeetingChanged) when told
 * to, and returns the sends that are due now: the plan's, or those it lined up for the end of a sleep
 * that was not cut short (none when a change woke it: then the caller plans again).
 */
function* planNext(context: OrchestrationContext, changes: ChangeListener, meetingId: string): Generator<Task, { kind: 'done'; reason: string } | { kind: 'failed' } | { kind: 'due' | 'slept'; sends: readonly LinedUpSend[] }, unknown> {
  let step: PlanStep;
  try {
    step = yield* awaitTask(callActivity(context, 'planStep', { meetingId }, ACTIVITY_RETRY));
  } catch {
    return { kind: 'failed' };
  }
  if (step.kind === 'done') return step;
  if (step.kind === 'online') {
    // The Teams meeting first (its failures are kept for a retry the plan wakes up for, not thrown); then plan again.
    try {
      yield* awaitTask(callActivity(context, 'syncOnline', { meetingId }, ACTIVITY_RETRY));
    } catch {
      return { kind: 'failed' };
    }
    return { kind: 'due', sends: [] };
  }
  if (step.kind === 'send') return { kind: 'due', sends: step.sendKeys.map((sendKey) => ({ sendKey })) };
  const rang = yield* changes.sleepUntil(step.until);
  return { kind: 'slept', sends: rang ? (step.then ?? []) : [] };
}

/** Records each given-up send failed; if even that fails, the next plan simply tries again. */
function* giveUp(context: OrchestrationContext, changes: ChangeListener, sendKeys: readonly string[], about: { kind: 'meeting'; id: string }, reason: string): Generator<Task, void, unknown> {
  try {
    yield* awaitAll(context, sendKeys.map((sendKey) => callActivity(context, 'recordFailure', { about, sendKey, reason }, ACTIVITY_RETRY)));
  } catch {
    yield* changes.sleepUntil(pauseUntil(context, 1));
  }
}

interface ChangeListener {
  /**
   * Sleeps until `until` unless a MeetingChanged event comes (or came) first; a losing timer is
   * cancelled. True when the timer rang, false when a change ended the sleep.
   */
  sleepUntil(until: string): Generator<Task, boolean, unknown>;
}

/**
 * One MeetingChanged waiter at a time, kept across sleeps. The SDK gives an event to the newest open
 * waiter and buffers it only when none is open, so a fresh waiter per sleep would leave the old ones
 * open to swallow an event raised while an activity runs. Here the waiter stays until an event ends
 * it: an event that arrived during planning or sending ends the next sleep at once (the plan it led
 * to may be stale), and only then is a new waiter made. A compound task is never made over a task
 * that already finished (the SDK would never resolve it).
 */
function changeListener(context: OrchestrationContext): ChangeListener {
  let waiter: Task | undefined;
  return {
    *sleepUntil(until) {
      waiter ??= context.df.waitForExternalEvent(EVENT.meetingChanged);
      if (waiter.isCompleted) {
        waiter = undefined;
        return false;
      }
      const timer = context.df.createTimer(new Date(until));
      const winner = yield* awaitAny(context, [timer, waiter]);
      if (winner === timer) return true;
      timer.cancel();
      waiter = undefined;
      return false;
    },
  };
}

function pauseUntil(context: OrchestrationContext, rounds: number): string {
  return new Date(context.df.currentUtcDateTime.getTime() + FAILED_ROUND_PAUSE_MS * rounds).toISOString();
}

function earliestRetry(outcomes: readonly SendOutcome[]): string | undefined {
  return outcomes.flatMap((o) => (o.status === 'deferred' ? [o.retryAt] : [])).sort()[0];
}
