import type { InvocationContext, Timer } from '@azure/functions';
import { reconcileDeflections } from '../app/deflections/reconcile-deflections';
import { sweepEvents } from '../app/events/publisher';
import { reconcileMeetings } from '../app/reconcile-meetings';
import type { HandlerEnv } from '../http/handler-env';

/** Every five minutes (NCRONTAB, UTC). */
export const RECONCILE_SCHEDULE = '0 */5 * * * *';

/**
 * The timer trigger of the reconciliation (see reconcileMeetings), built over the handler
 * environment. It also starts the orchestration of deflections stored without one (see
 * reconcileDeflections) and sweeps the domain events a crash left pending, so each still reaches its
 * consumers (webhook subscriptions); each part runs even when an earlier one fails.
 */
export function reconcileTimer(env: HandlerEnv) {
  return async (_timer: Timer, context: InvocationContext): Promise<void> => {
    const deps = env.deps();
    const workflow = env.workflow(context);
    const meetings = await reconcileMeetings(deps, workflow).then((r) => ({ ok: true as const, ...r }), (error: unknown) => ({ ok: false as const, error }));
    const deflections = await reconcileDeflections(deps, workflow).then((r) => ({ ok: true as const, ...r }), (error: unknown) => ({ ok: false as const, error }));
    const swept = await sweepEvents({ eventLog: deps.eventLog, consumers: deps.eventConsumers, clock: deps.clock, log: deps.log }, workflow);
    context.log(`reconcile: events swept ${swept.dispatched}, left ${swept.left}`);
    if (deflections.ok) context.log(`reconcile: ${deflections.checked} accepted deflection(s) checked, ${deflections.started.length} started`);
    if (!meetings.ok) throw meetings.error;
    context.log(`reconcile: ${meetings.checked} scheduled meeting(s) checked, ${meetings.started.length} started`);
    if (!deflections.ok) throw deflections.error;
  };
}
