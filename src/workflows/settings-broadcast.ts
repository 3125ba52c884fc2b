import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import { ACTIVITY } from './names';
import type { BroadcastCursor, NotifyPage } from './steps';
import { awaitTask } from './task-result';

/**
 * After a settings change, tells every scheduled meeting's orchestration to re-plan, one page at a
 * time (continueAsNew per page keeps history small however many meetings there are).
 */
export const settingsBroadcast: OrchestrationHandler = function* (context: OrchestrationContext) {
  const cursor = context.df.getInput<BroadcastCursor>() ?? {};
  const page = yield* awaitTask<NotifyPage>(context.df.callActivity(ACTIVITY.notifyScheduled, cursor));
  if (page.next) {
    context.df.continueAsNew({ after: page.next } satisfies BroadcastCursor);
    return undefined;
  }
  return 'done';
};
