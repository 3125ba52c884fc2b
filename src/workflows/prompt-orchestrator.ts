import type { OrchestrationContext, OrchestrationHandler, Task } from 'durable-functions';
import type { PromptReply } from '../ports/meeting-workflow';
import { awaitAny, awaitTask, callActivity } from './call-activity';
import { EVENT } from './names';
import type { PromptRef, PromptStep } from './steps';

/** Replies one prompt handles before it stops listening (a customer texting on and on). */
const MAX_REPLIES = 20;

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
    const waiter = context.df.waitForExternalEvent(EVENT.promptReply);
    const winner = yield* awaitAny(context, [timer, waiter]);
    if (winner === timer) return (yield* awaitTask(callActivity(context, 'closePrompt', input))).outcome;
    const step: PromptStep = yield* awaitTask(callActivity(context, 'answerPrompt', { promptId: input.promptId, reply: waiter.result as PromptReply }));
    if (step.closed) {
      timer.cancel();
      return step.outcome;
    }
  }
  yield timer;
  return (yield* awaitTask(callActivity(context, 'closePrompt', input))).outcome;
};
