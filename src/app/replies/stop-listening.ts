import type { MeetingWorkflow, PromptReply } from '../../ports/meeting-workflow';
import { answerPrompt, type AnswerPromptDeps, type PromptState } from './answer-prompt';

/**
 * The matching activity, with the orchestration's last reply marked `final`: a prompt still open
 * after it stops listening (it keeps its timeout), so handleReply keeps the pair's later replies for
 * staff instead of raising them to an orchestration that no longer waits for them. Idempotent.
 */
export async function answerPromptReply(deps: AnswerPromptDeps, workflow: MeetingWorkflow, promptId: string, reply: PromptReply, final: boolean): Promise<PromptState> {
  const state = await answerPrompt(deps, workflow, promptId, reply);
  if (final && !state.closed && (await deps.prompts.stopListening(promptId))) deps.log.info(`prompt ${promptId}: stopped listening (reply limit); later replies go to staff`);
  return state;
}
