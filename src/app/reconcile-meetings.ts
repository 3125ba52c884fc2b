import type { MeetingWorkflow } from '../ports/meeting-workflow';
import type { AppDeps } from './deps';
import { eachListedId } from './each-listed-id';

export type ReconcileDeps = Pick<AppDeps, 'meetings' | 'clock' | 'log'>;

/**
 * How far back the reconciliation looks: a meeting row written in this window whose orchestration
 * is not running is an orphan (the process died between the write and the start). Rows written
 * earlier had their orchestration checked by earlier runs (every 5 minutes); a day covers an app
 * that was down or whose timer missed runs.
 */
export const RECONCILE_WINDOW_MS = 24 * 3_600_000;

/**
 * Finds scheduled meetings without a running orchestration and starts them. A write of ScheduleMeeting
 * and the start of its orchestration are two steps: a crash between them left the meeting
 * `scheduled` with every message `planned` and nothing ever sent. Idempotent: a running orchestration
 * is left alone, a concurrent start is harmless, and the orchestration plans from the stored data.
 */
export async function reconcileMeetings(deps: ReconcileDeps, workflow: MeetingWorkflow): Promise<{ checked: number; started: string[] }> {
  const changedSince = new Date(deps.clock.now().getTime() - RECONCILE_WINDOW_MS);
  const { checked, acted: started } = await eachListedId((page) => deps.meetings.listScheduled({ ...page, changedSince }), (id) => workflow.ensureRunning(id));
  if (started.length > 0) deps.log.warn(`reconcile: started the orchestration of ${started.length} meeting(s) that had none: ${started.join(', ')}`);
  return { checked, started };
}
