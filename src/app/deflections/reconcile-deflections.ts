import type { MeetingWorkflow } from '../../ports/meeting-workflow';
import type { AppDeps } from '../deps';
import { eachListedId } from '../each-listed-id';
import { RECONCILE_WINDOW_MS } from '../reconcile-meetings';
import { deflectionSendKey } from './send-deflection';

export type ReconcileDeflectionsDeps = Pick<AppDeps, 'deflections' | 'ledger' | 'clock' | 'log'>;

/**
 * How long a deflection may stay `accepted` with no send on the ledger before the reconciliation
 * starts its orchestration: a request in flight stores the deflection and starts it within
 * milliseconds, so one older than this had its request die in between.
 */
export const DEFLECTION_START_GRACE_MS = 60_000;

/**
 * Finds deflections accepted more than {@link DEFLECTION_START_GRACE_MS} ago (within the
 * reconciliation's window) whose WhatsApp send has no ledger row — the request stored them and died
 * before starting the orchestration, and no IVR retried — and starts it. Idempotent: a start while
 * the orchestration runs is ignored (`startDeflection`), and a second orchestration's send finds the
 * ledger row of `defl|{id}|whatsapp` (the claim in sendOnce) and sends nothing.
 */
export async function reconcileDeflections(deps: ReconcileDeflectionsDeps, workflow: MeetingWorkflow): Promise<{ checked: number; started: string[] }> {
  const now = deps.clock.now().getTime();
  const window = { createdSince: new Date(now - RECONCILE_WINDOW_MS).toISOString(), createdBefore: new Date(now - DEFLECTION_START_GRACE_MS).toISOString() };
  const { checked, acted: started } = await eachListedId((page) => deps.deflections.listAccepted({ ...window, ...page }), async (deflectionId) => {
    // A ledger row means its orchestration ran (a deferred or interrupted send resumes there).
    if (await deps.ledger.get({ kind: 'deflection', id: deflectionId }, deflectionSendKey(deflectionId, 'whatsapp'))) return false;
    await workflow.startDeflection({ deflectionId, channel: 'whatsapp' });
    return true;
  });
  if (started.length > 0) deps.log.warn(`reconcile: started the orchestration of ${started.length} deflection(s) accepted without one: ${started.join(', ')}`);
  return { checked, started };
}
