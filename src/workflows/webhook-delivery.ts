import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler, Task } from 'durable-functions';
import { awaitTask, callActivity } from './call-activity';
import type { DeliveryRef } from './steps';

/** A storage hiccup in the activity is retried by the host: 5 attempts, 5 s doubling. Receiver failures are the activity's answer, not errors. */
const ACTIVITY_RETRY = Object.assign(new df.RetryOptions(5_000, 5), { backoffCoefficient: 2, maxRetryIntervalInMilliseconds: 60_000 });

/** Attempts one history holds before continuing as new (24 h of backoff is about 30). */
const ATTEMPTS_PER_HISTORY = 40;

/**
 * One orchestration per delivery (one event to one subscription). The activity makes each attempt
 * and decides what follows (the backoff, the 24 h limit, a 410); this only sleeps on durable timers
 * between attempts, so a delivery waiting for its retry survives a restart.
 */
export const webhookDelivery: OrchestrationHandler = function* (context: OrchestrationContext): Generator<Task, string, unknown> {
  const ref = context.df.getInput<DeliveryRef>();
  for (let attempt = 0; attempt < ATTEMPTS_PER_HISTORY; attempt++) {
    const step = yield* awaitTask(callActivity(context, 'deliverWebhook', ref, ACTIVITY_RETRY));
    if (step.kind === 'done') return step.status;
    yield context.df.createTimer(new Date(step.at));
  }
  context.df.continueAsNew(ref);
  return 'continued';
};
