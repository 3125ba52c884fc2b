import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler, Task } from 'durable-functions';
import type { SendOutcome } from '../app/dispatch/send-outcome';
import { awaitAll, awaitAny, awaitTask, callActivity } from './call-activity';
import { EVENT } from './names';
import type { MeetingRef, PlanStep } from './steps';

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
 * (reschedule, cancel, settings change). It never dies of a send: a provider that cannot take a
 * message defers it (the orchestration sleeps until the earliest retry time, then re-plans); an
 * activity that keeps failing is paused on, and after a few rounds its sends are recorded failed
 * with the reason and the next planned communication goes on. Every few cycles it continues as
 * new so history stays small. It ends when the meeting has started or its cancellation is done.
 */
export const meetingOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = context.df.getInput<MeetingRef>();
  const about = { kind: 'meeting', id: input.meetingId } as const;
  let failedRounds = input.failedRounds ?? 0;
  for (let cycle = 0; cycle < CYCLES_PER_EXECUTION; cycle++) {
    let step: PlanStep;
    try {
      step = yield* awaitTask(callActivity(context, 'planStep', { meetingId: input.meetingId }, ACTIVITY_RETRY));
    } catch {
      failedRounds += 1;
      yield* sleepUntil(context, pauseUntil(context, failedRounds));
      continue;
    }
    if (step.kind === 'done') return step.reason;
    if (step.kind === 'sleep') {
      yield* sleepUntil(context, step.until);
      continue;
    }
    const sends = step.sendKeys.map((sendKey) => ({ sendKey, typed: callActivity(context, 'send', { about, sendKey }, ACTIVITY_RETRY) }));
    try {
      const outcomes = yield* awaitAll(context, sends.map((s) => s.typed));
      failedRounds = 0;
      const retryAt = earliestRetry(outcomes);
      if (retryAt !== undefined) yield* sleepUntil(context, retryAt);
    } catch (error) {
      failedRounds += 1;
      if (failedRounds < MAX_FAILED_ROUNDS) {
        yield* sleepUntil(context, pauseUntil(context, failedRounds));
        continue;
      }
      const reason = `could not be sent: ${error instanceof Error ? error.message.slice(0, 300) : 'the send kept failing'}`;
      yield* giveUp(context, sends.filter((s) => s.typed.task.isFaulted).map((s) => s.sendKey), about, reason);
      failedRounds = 0;
    }
  }
  context.df.continueAsNew({ meetingId: input.meetingId, ...(failedRounds > 0 ? { failedRounds } : {}) } satisfies MeetingRef);
  return undefined;
};

/** Records each given-up send failed; if even that fails, the next plan simply tries again. */
function* giveUp(context: OrchestrationContext, sendKeys: readonly string[], about: { kind: 'meeting'; id: string }, reason: string): Generator<Task, void, unknown> {
  try {
    yield* awaitAll(context, sendKeys.map((sendKey) => callActivity(context, 'recordFailure', { about, sendKey, reason }, ACTIVITY_RETRY)));
  } catch {
    yield* sleepUntil(context, pauseUntil(context, 1));
  }
}

/** Sleeps until `until` unless a MeetingChanged event comes first; a losing timer is cancelled. */
function* sleepUntil(context: OrchestrationContext, until: string): Generator<Task, void, unknown> {
  const timer = context.df.createTimer(new Date(until));
  const changed = context.df.waitForExternalEvent(EVENT.meetingChanged);
  const winner = yield* awaitAny(context, [timer, changed]);
  if (winner !== timer) timer.cancel();
}

function pauseUntil(context: OrchestrationContext, rounds: number): string {
  return new Date(context.df.currentUtcDateTime.getTime() + FAILED_ROUND_PAUSE_MS * rounds).toISOString();
}

function earliestRetry(outcomes: readonly SendOutcome[]): string | undefined {
  return outcomes.flatMap((o) => (o.status === 'deferred' ? [o.retryAt] : [])).sort()[0];
}
