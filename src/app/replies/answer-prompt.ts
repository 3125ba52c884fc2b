import { ANSWER_OUTCOMES, decideReply, type AnswerIntent, type PromptOutcome, type ReplyIntent, type Settings } from '../../domain';
import type { MeetingWorkflow, PromptReply } from '../../ports/meeting-workflow';
import type { StoredPrompt } from '../../ports/prompt-store';
import type { AppDeps } from '../deps';
import { cancelMeeting, type CancelMeetingDeps } from '../cancel-meeting';
import { sendReplyMessage, type ReplySendDeps } from './reply-sends';

export type AnswerPromptDeps = ReplySendDeps & CancelMeetingDeps & Pick<AppDeps, 'prompts' | 'settings'>;

/** Whether the prompt the orchestration waits for has ended, and how. */
export interface PromptState { readonly closed: boolean; readonly outcome: string }

const ACK: Readonly<Record<AnswerIntent, 'replyConfirmed' | 'replyCancelled' | 'replyReschedule'>> = { confirm: 'replyConfirmed', cancel: 'replyCancelled', reschedule: 'replyReschedule' };
const state = (p: StoredPrompt | undefined): PromptState => ({ closed: p?.outcome !== 'open', outcome: p?.outcome ?? 'gone' });

/**
 * The matching activity: what a reply to prompt `promptId` does, judged over every prompt still open
 * on the same (customer, sender) pair. Effects come before the prompt is closed, and a redelivered
 * reply that finds its prompt closed by itself repeats only the (idempotent) acknowledgement, so a
 * crash anywhere applies the reply once.
 */
export async function answerPrompt(deps: AnswerPromptDeps, workflow: MeetingWorkflow, promptId: string, reply: PromptReply): Promise<PromptState> {
  const prompt = await deps.prompts.get(promptId);
  const { settings } = await deps.settings.get();
  if (!prompt || prompt.outcome !== 'open' || reply.kind === 'closed') {
    if (prompt && reply.kind === 'reply' && prompt.closedBy === reply.eventId) await acknowledge(deps, settings, prompt, reply.eventId);
    return state(prompt);
  }
  const open = (await deps.prompts.openFor(prompt.customer, prompt.sender)).filter((p) => p.closesAt > reply.at);
  const decision = decideReply(open, reply.intent as ReplyIntent, reply.choice ?? undefined);
  const note = (p: StoredPrompt, outcome: string) => deps.prompts.recordReply({ eventId: reply.eventId, meetingId: p.meetingId, receivedAt: reply.at, channel: 'sms', intent: reply.intent as ReplyIntent, outcome });
  if (decision.kind === 'which') {
    await Promise.all(open.map((p) => note(p, 'which')));
    await sendReplyMessage(deps, settings, prompt, reply.eventId, 'replyWhich', open);
    deps.log.info(`prompt ${promptId}: reply ${reply.eventId} asked which of ${open.length} meetings`);
    return state(prompt);
  }
  if (decision.kind === 'noMatch') {
    const count = await deps.prompts.noteNoMatch(promptId, reply.eventId);
    if (count <= 1) {
      await note(prompt, 'help');
      await sendReplyMessage(deps, settings, prompt, reply.eventId, 'replyHelp');
      return state(prompt);
    }
    await deps.prompts.close(promptId, 'noMatch', reply.at, reply.eventId);
    await note(prompt, 'noMatch');
    deps.log.info(`prompt ${promptId}: ended, no match (reply ${reply.eventId})`);
    return state(await deps.prompts.get(promptId));
  }
  const target = open.find((p) => p.promptId === decision.promptId) ?? prompt;
  let outcome: Exclude<PromptOutcome, 'open'> = ANSWER_OUTCOMES[decision.intent] as Exclude<PromptOutcome, 'open'>;
  if (decision.intent === 'cancel') {
    const cancelled = await cancelMeeting(deps, workflow, target.meetingId, { source: 'sms' });
    if (cancelled.kind !== 'cancelled') outcome = 'superseded';
  }
  await deps.prompts.close(target.promptId, outcome, reply.at, reply.eventId);
  await note(target, outcome);
  deps.log.info(`prompt ${target.promptId}: ${outcome} (reply ${reply.eventId})`);
  await acknowledge(deps, settings, (await deps.prompts.get(target.promptId)) ?? target, reply.eventId);
  // Another prompt's orchestration still waits: tell it, so it ends and cancels its timer.
  if (target.promptId !== promptId) await workflow.raisePromptReply(target.promptId, { kind: 'closed', eventId: reply.eventId });
  return state(await deps.prompts.get(promptId));
}

/**
 * The answer to an answer, with `acknowledge` on. A cancellation through SMS is answered by the
 * cancellation notice when those are on (one message, not two), else by `replyCancelled`.
 */
async function acknowledge(deps: AnswerPromptDeps, settings: Settings, prompt: StoredPrompt, eventId: string): Promise<void> {
  const intent = (Object.entries(ANSWER_OUTCOMES) as [AnswerIntent, PromptOutcome][]).find(([, o]) => o === prompt.outcome)?.[0];
  if (!intent || !settings.replies.acknowledge) return;
  if (intent === 'cancel' && settings.enabled && settings.cancellation.sms) return;
  await sendReplyMessage(deps, settings, prompt, eventId, ACK[intent]);
}

/** The timeout: ends the prompt unless a reply ended it first. */
export async function timeOutPrompt(deps: Pick<AppDeps, 'prompts' | 'clock' | 'log'>, promptId: string): Promise<PromptState> {
  if (await deps.prompts.close(promptId, 'timeout', deps.clock.now().toISOString(), null)) deps.log.info(`prompt ${promptId}: timed out`);
  return state(await deps.prompts.get(promptId));
}
