import type { AppDeps } from '../app/deps';
import type { MeetingWorkflow } from '../ports/meeting-workflow';
import type { BroadcastCursor, NotifyPage } from '../workflows/steps';

const PAGE_SIZE = 200;
const PARALLEL = 20;

/** Tells one page of scheduled meetings to re-plan; returns where the next page starts. */
export async function notifyScheduled(deps: Pick<AppDeps, 'meetings'>, workflow: MeetingWorkflow, cursor: BroadcastCursor): Promise<NotifyPage> {
  const page = await deps.meetings.listScheduled({ after: cursor.after, size: PAGE_SIZE });
  for (let i = 0; i < page.ids.length; i += PARALLEL) {
    await Promise.all(page.ids.slice(i, i + PARALLEL).map((id) => workflow.notifyChanged(id)));
  }
  return { next: page.next, notified: page.ids.length };
}
