import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler, Task } from 'durable-functions';
import { ACTIVITY, EVENT } from './names';
import type { MeetingRef, PlanStep, SendRequest } from './steps';
import { awaitTask } from './task-result';

/** Provider hiccups are retried by the host: 5 attempts, 10 s doubling to at most 5 min. */
const SEND_RETRY = Object.assign(new df.RetryOptions(10_000, 5), { backoffCoefficient: 2, maxRetryIntervalInMilliseconds: 300_000 });

/** Cycles per execution before continueAsNew trims the history. */
const CYCLES_PER_EXECUTION = 8;

/**
 * One orchestration per meeting. Each cycle asks the planning activity what to do (all decisions
 * live there), sends what is due, or sleeps until the next due time racing a MeetingChanged event
 * (reschedule, cancel, settings change). Every few cycles it continues as new so history stays
 * small. It ends when the meeting has started or its cancellation notice is done.
 */
export const meetingOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = context.df.getInput<MeetingRef>();
  for (let cycle = 0; cycle < CYCLES_PER_EXECUTION; cycle++) {
    const step = yield* awaitTask<PlanStep>(context.df.callActivity(ACTIVITY.planStep, input));
    if (step.kind === 'done') return step.reason;
    if (step.kind === 'send') {
      const sends = step.sendKeys.map((sendKey) => context.df.callActivityWithRetry(ACTIVITY.send, SEND_RETRY, { meetingId: input.meetingId, sendKey } satisfies SendRequest));
      yield* awaitTask<unknown[]>(context.df.Task.all(sends));
    } else {
      const timer = context.df.createTimer(new Date(step.until));
      const changed = context.df.waitForExternalEvent(EVENT.meetingChanged);
      const winner = yield* awaitTask<Task>(context.df.Task.any([timer, changed]));
      if (winner !== timer) timer.cancel();
    }
  }
  context.df.continueAsNew(input);
  return undefined;
};
