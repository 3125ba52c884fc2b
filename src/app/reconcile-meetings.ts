import type { MeetingWorkflow } from '../ports/meeting-workflow';
import type { AppDeps } from './deps';

export type ReconcileDeps = Pick<AppDeps, 'meetings' | 'clock' | 'log'>;

/**
 * How far back the reconciliation looks: a meeting row written in this window whose orchestration
 * is not running is an orphan (the process died between the write and the start). Rows written
 * earlier had their orchestration checked by earlier runs (every 5 minutes); a day covers an app
 * that was down or whose timer missed runs.
 */
export const RECONCILE_WINDOW_MS = 24 * 3_600_000;
const PAGE_SIZE = 200;
const PARALLEL = 20;

/**
 * Finds scheduled meetings without a running orchestration and starts them. A write of ScheduleMeeting
 * and the start of its orchestration are two steps: a crash between them left the meeting
 * `scheduled` with every message `planned` and nothing ever sent. Idempotent: a running orchestration
 * is left alone, a concurrent start is harmless, and the orchestration plans from the stored data.
 */
export async function reconcileMeetings(deps: ReconcileDeps, workflow: MeetingWorkflow): Promise<{ checked: number; started: string[] }> {
  const changedSince = new Date(deps.clock.now().getTime() - RECONCILE_WINDOW_MS);
  const started: string[] = [];
  let checked = 0;
  let after: string | undefined;
  do {
    const page = await deps.meetings.listScheduled({ after, size: PAGE_SIZE, changedSince });
    for (let i = 0; i < page.ids.length; i += PARALLEL) {
      const batch = page.ids.slice(i, i + PARALLEL);
      const results = await Promise.all(batch.map((id) => workflow.ensureRunning(id)));
      batch.forEach((id, n) => results[n] && started.push(id));
    }
    checked += page.ids.length;
    after = page.next;
  } while (after !== undefined);
  if (started.length > 0) deps.log.warn(`reconcile: started the orchestration of ${started.length} meeting(s) that had none: ${started.join(', ')}`);
  return { checked, started };
}
