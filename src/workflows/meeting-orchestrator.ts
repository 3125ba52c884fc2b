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
  const changes = changeListener(context);
  let failedRounds = input.failedRounds ?? 0;
  for (let cycle = 0; cycle < CYCLES_PER_EXECUTION; cycle++) {
    let step: PlanStep;
    try {
      step = yield* awaitTask(callActivity(context, 'planStep', { meetingId: input.meetingId }, ACTIVITY_RETRY));
    } catch {
      failedRounds += 1;
      yield* changes.sleepUntil(pauseUntil(context, failedRounds));
      continue;
    }
    if (step.kind === 'done') return step.reason;
    if (step.kind === 'online') {
      // The Teams meeting first (its failures are kept for a retry the plan wakes up for, not thrown).
      try {
        yield* awaitTask(callActivity(context, 'syncOnline', { meetingId: input.meetingId }, ACTIVITY_RETRY));
      } catch {
        failedRounds += 1;
        yield* changes.sleepUntil(pauseUntil(context, failedRounds));
      }
      continue;
    }
    if (step.kind === 'sleep') {
      failedRounds = 0;
      yield* changes.sleepUntil(step.until);
      continue;
    }
    const sends = step.sendKeys.map((sendKey) => ({ sendKey, typed: callActivity(context, 'send', { about, sendKey }, ACTIVITY_RETRY) }));
    try {
      const outcomes = yield* awaitAll(context, sends.map((s) => s.typed));
      failedRounds = 0;
      const retryAt = earliestRetry(outcomes);
      if (retryAt !== undefined) yield* changes.sleepUntil(retryAt);
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

/** Records each given-up send failed; if even that fails, the next plan simply tries again. */
function* giveUp(context: OrchestrationContext, changes: ChangeListener, sendKeys: readonly string[], about: { kind: 'meeting'; id: string }, reason: string): Generator<Task, void, unknown> {
  try {
    yield* awaitAll(context, sendKeys.map((sendKey) => callActivity(context, 'recordFailure', { about, sendKey, reason }, ACTIVITY_RETRY)));
  } catch {
    yield* changes.sleepUntil(pauseUntil(context, 1));
  }
}

interface ChangeListener {
  /** Sleeps until `until` unless a MeetingChanged event comes (or came) first; a losing timer is cancelled. */
  sleepUntil(until: string): Generator<Task, void, unknown>;
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
        return;
      }
      const timer = context.df.createTimer(new Date(until));
      const winner = yield* awaitAny(context, [timer, waiter]);
      if (winner === timer) return;
      timer.cancel();
      waiter = undefined;
    },
  };
}

function pauseUntil(context: OrchestrationContext, rounds: number): string {
  return new Date(context.df.currentUtcDateTime.getTime() + FAILED_ROUND_PAUSE_MS * rounds).toISOString();
}

function earliestRetry(outcomes: readonly SendOutcome[]): string | undefined {
  return outcomes.flatMap((o) => (o.status === 'deferred' ? [o.retryAt] : [])).sort()[0];
}
