import type { MeetingWorkflow } from '../../ports/meeting-workflow';
import type { AppDeps } from '../deps';

const PAGE = 100;

/**
 * Replies were turned off: every open prompt ends `superseded` (its orchestration is told, so it
 * cancels its timer), and no later reply is taken as an answer; handleReply keeps them for staff.
 * Idempotent: a retry finds fewer open prompts. Returns how many it ended.
 */
export async function endOpenPrompts(deps: Pick<AppDeps, 'prompts' | 'log'>, workflow: MeetingWorkflow, at: string): Promise<number> {
  const seen = new Set<string>();
  let ended = 0;
  for (;;) {
    // A prompt that cannot be closed (its index row is gone) would come back on every page: stop then.
    const page = (await deps.prompts.listOpen(PAGE)).filter((p) => !seen.has(p.promptId));
    if (page.length === 0) break;
    for (const prompt of page) {
      seen.add(prompt.promptId);
      if (await deps.prompts.close(prompt.promptId, 'superseded', at, null)) ended += 1;
      await workflow.raisePromptReply(prompt.promptId, { kind: 'closed', eventId: `replies-off-${at}` });
    }
  }
  deps.log.info(`replies turned off: ${ended} open prompt(s) ended superseded`);
  return ended;
}
