import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler, Task } from 'durable-functions';
import type { DeflectionRef } from '../app/deflections/send-deflection';
import { awaitTask, callActivity } from './call-activity';

/** A storage hiccup in the activity is retried by the host: 5 attempts, 5 s doubling. */
const ACTIVITY_RETRY = Object.assign(new df.RetryOptions(5_000, 5), { backoffCoefficient: 2, maxRetryIntervalInMilliseconds: 60_000 });

/** Deferred attempts one history holds (the send core gives up after 10). */
const MAX_ROUNDS = 12;

/**
 * One orchestration per deflection message (`deflection:{id}:{channel}`): the activity sends it once
 * through the send core and says what follows — done, a retry at the provider's time (a 429's
 * Retry-After, an outage), or the SMS fallback, which runs as the next round on the SMS channel.
 */
export const deflectionOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext): Generator<Task, string, unknown> {
  let ref = context.df.getInput<DeflectionRef>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const step = yield* awaitTask(callActivity(context, 'sendDeflection', ref, ACTIVITY_RETRY));
    if (step.kind === 'done') return ref.channel;
    if (step.kind === 'fallback') {
      ref = { deflectionId: ref.deflectionId, channel: 'sms' };
      continue;
    }
    yield context.df.createTimer(new Date(step.at));
  }
  return 'gave up';
};
