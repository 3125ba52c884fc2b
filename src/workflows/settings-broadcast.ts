import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import { awaitTask, callActivity } from './call-activity';
import type { BroadcastCursor } from './steps';

/**
 * After a settings change, tells every scheduled meeting's orchestration to re-plan, one page at a
 * time (continueAsNew per page keeps history small however many meetings there are).
 */
export const settingsBroadcast: OrchestrationHandler = function* (context: OrchestrationContext) {
  const cursor = context.df.getInput<BroadcastCursor>() ?? {};
  const page = yield* awaitTask(callActivity(context, 'notifyScheduled', cursor));
  if (page.next) {
    context.df.continueAsNew({ after: page.next } satisfies BroadcastCursor);
    return undefined;
  }
  return 'done';
};
