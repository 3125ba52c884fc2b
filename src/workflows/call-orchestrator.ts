import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler, Task } from 'durable-functions';
import { awaitAny, awaitTask, callActivity } from './call-activity';
import { EVENT } from './names';
import type { CallRef, CallStep } from './steps';

/** A storage hiccup is retried by the host: 5 attempts, 2 s doubling (a call cannot wait long). */
const ACTIVITY_RETRY = Object.assign(new df.RetryOptions(2_000, 5), { backoffCoefficient: 2, maxRetryIntervalInMilliseconds: 30_000 });

/** Steps one execution takes before it continues as new (keeps the history short; a call has a few dozen). */
export const MAX_STEPS = 40;

/**
 * One orchestration per reminder call: it waits for the call's callbacks (raised by the callback
 * webhook as a nudge; the callbacks themselves are stored) racing a deadline, and hands each round
 * to the activity, which decides everything (the call's state machine). A busy or unanswered call
 * sleeps until its retry and dials again. A deadline with no callback ends the call `unknown`.
 */
export const callOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext): Generator<Task, string, unknown> {
  const input = context.df.getInput<CallRef>();
  let timedOut = false;
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    let step: CallStep;
    try {
      step = yield* awaitTask(callActivity(context, 'advanceCall', { callId: input.callId, timedOut }, ACTIVITY_RETRY));
    } catch {
      // Storage stayed down through the retries: try again after a minute (the callbacks stay stored).
      step = { kind: 'wait', until: new Date(context.df.currentUtcDateTime.getTime() + 60_000).toISOString() };
    }
    timedOut = false;
    if (step.kind === 'done') return step.outcome;
    if (step.kind === 'redial') {
      yield context.df.createTimer(new Date(step.at));
      try {
        yield* awaitTask(callActivity(context, 'redialCall', { callId: input.callId }, ACTIVITY_RETRY));
      } catch {
        // Counted as an attempt that was never placed: the next round finds it and ends the call.
      }
      continue;
    }
    const timer = context.df.createTimer(new Date(step.until));
    const nudge = context.df.waitForExternalEvent(EVENT.callEvent);
    const winner = yield* awaitAny(context, [timer, nudge]);
    if (winner === timer) timedOut = true;
    else if (!timer.isCompleted) timer.cancel();
  }
  context.df.continueAsNew({ callId: input.callId } satisfies CallRef);
  return 'continued';
};
