import type { InvocationContext, Timer } from '@azure/functions';
import { reconcileMeetings } from '../app/reconcile-meetings';
import type { HandlerEnv } from '../http/handler-env';

/** Every five minutes (NCRONTAB, UTC). */
export const RECONCILE_SCHEDULE = '0 */5 * * * *';

/** The timer trigger of the reconciliation (see reconcileMeetings), built over the handler environment. */
export function reconcileTimer(env: HandlerEnv) {
  return async (_timer: Timer, context: InvocationContext): Promise<void> => {
    const { checked, started } = await reconcileMeetings(env.deps(), env.workflow(context));
    context.log(`reconcile: ${checked} scheduled meeting(s) checked, ${started.length} started`);
  };
}
