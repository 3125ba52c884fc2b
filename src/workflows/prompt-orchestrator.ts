import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler, Task } from 'durable-functions';
import type { PromptReply } from '../ports/meeting-workflow';
import { awaitAny, awaitTask, callActivity } from './call-activity';
import { EVENT } from './names';
import type { PromptRef, PromptStep } from './steps';

/** A deferred answer or a storage hiccup is retried by the host: 5 attempts, 10 s doubling to at most 5 min. */
const ACTIVITY_RETRY = Object.assign(new df.RetryOptions(10_000, 5), { backoffCoefficient: 2, maxRetryIntervalInMilliseconds: 300_000 });

/**
 * Replies one prompt handles before it stops listening (a customer texting on and on, or an
 * auto-responder): the last one is handed over `final`, and the activity then marks the prompt not
 * listening, so later replies of the pair are kept for staff (GET /api/replies) instead of being lost.
 */
export const MAX_REPLIES = 20;

/**
 * One orchestration per prompt: its timeout timer races the replies raised to it. Every decision is
 * the matching activity's (what a reply means, which meeting, what to send); this only waits. A reply
 * that leaves the prompt open (a "which meeting?", a first no-match, a reply that answered another
 * prompt) waits again on the same timer; an ended prompt cancels the losing timer.
 */
export const promptOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext): Generator<Task, string, unknown> {
  const input = context.df.getInput<PromptRef>();
  const timer = context.df.createTimer(new Date(input.closesAt));
  for (let replies = 0; replies < MAX_REPLIES; replies++) {
    // The timer may have fired while an activity ran: a race over a finished task never resolves.
    if (timer.isCompleted) break;
    const waiter = context.df.waitForExternalEvent(EVENT.promptReply);
    const winner = yield* awaitAny(context, [timer, waiter]);
    if (winner === timer) break;
    let step: PromptStep;
    try {
      const final = replies === MAX_REPLIES - 1;
      step = yield* awaitTask(callActivity(context, 'answerPrompt', { promptId: input.promptId, reply: waiter.result as PromptReply, ...(final ? { final } : {}) }, ACTIVITY_RETRY));
    } catch {
      // That reply could not be applied even with the retries: the prompt still listens for the next.
      continue;
    }
    if (step.closed) {
      if (!timer.isCompleted) timer.cancel();
      return step.outcome;
    }
  }
  if (!timer.isCompleted) yield timer;
  return (yield* awaitTask(callActivity(context, 'closePrompt', input, ACTIVITY_RETRY))).outcome;
};
