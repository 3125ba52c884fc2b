import { ANSWER_OUTCOMES, decideReply, type AnswerIntent, type PromptOutcome, type ReplyIntent, type Settings } from '../../domain';
import type { MeetingWorkflow, PromptReply } from '../../ports/meeting-workflow';
import type { StoredPrompt } from '../../ports/prompt-store';
import type { AppDeps } from '../deps';
import { cancelMeeting, type CancelMeetingDeps } from '../cancel-meeting';
import { sendReplyMessage, type ReplySendDeps } from './reply-sends';
import { publishMeetingEvent, publishReplyEvent, type MeetingEventDeps } from '../events/publish-events';

export type AnswerPromptDeps = ReplySendDeps & CancelMeetingDeps & MeetingEventDeps & Pick<AppDeps, 'prompts' | 'settings'>;

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
    if (prompt && reply.kind === 'reply' && prompt.closedBy === reply.eventId) await followUp(deps, workflow, settings, prompt, reply.eventId);
    return state(prompt);
  }
  // A reply naming this prompt's own message (WhatsApp's context) answers it alone: never "which meeting?".
  const candidates = reply.exact ? [prompt] : await deps.prompts.openFor(prompt.customer, prompt.sender);
  const open = await stillAsking(deps, candidates.filter((p) => p.closesAt > reply.at), reply.at);
  const note = (p: StoredPrompt, outcome: string) => deps.prompts.recordReply({ eventId: reply.eventId, meetingId: p.meetingId, receivedAt: reply.at, channel: p.channel, intent: reply.intent as ReplyIntent, outcome });
  // The prompt the reply was handed to may have just been superseded: the others on the pair still ask.
  const base = open.find((p) => p.promptId === promptId) ?? open[open.length - 1];
  if (!base) {
    await note(prompt, 'superseded');
    return state(await deps.prompts.get(promptId));
  }
  const decision = decideReply(open, reply.intent as ReplyIntent, reply.choice ?? undefined);
  if (decision.kind === 'which') {
    await Promise.all(open.map((p) => note(p, 'which')));
    await sendReplyMessage(deps, settings, base, reply.eventId, 'replyWhich', open);
    deps.log.info(`prompt ${base.promptId}: reply ${reply.eventId} asked which of ${open.length} meetings`);
    return state(await deps.prompts.get(promptId));
  }
  if (decision.kind === 'noMatch') {
    const count = await deps.prompts.noteNoMatch(base.promptId, reply.eventId);
    if (count <= 1) {
      await note(base, 'help');
      await sendReplyMessage(deps, settings, base, reply.eventId, 'replyHelp');
    } else {
      await deps.prompts.close(base.promptId, 'noMatch', reply.at, reply.eventId);
      await note(base, 'noMatch');
      deps.log.info(`prompt ${base.promptId}: ended, no match (reply ${reply.eventId})`);
      await followUp(deps, workflow, settings, (await deps.prompts.get(base.promptId)) ?? base, reply.eventId);
      if (base.promptId !== promptId) await workflow.raisePromptReply(base.promptId, { kind: 'closed', eventId: reply.eventId });
    }
    return state(await deps.prompts.get(promptId));
  }
  const target = open.find((p) => p.promptId === decision.promptId) ?? base;
  const outcome = ANSWER_OUTCOMES[decision.intent] as Exclude<PromptOutcome, 'open'>;
  // Closed first, naming the event: a crash after this finds the prompt closed by the same event on
  // redelivery and repeats only the follow-ups, which are idempotent.
  await deps.prompts.close(target.promptId, outcome, reply.at, reply.eventId);
  await note(target, outcome);
  deps.log.info(`prompt ${target.promptId}: ${outcome} (reply ${reply.eventId})`);
  await followUp(deps, workflow, settings, (await deps.prompts.get(target.promptId)) ?? target, reply.eventId);
  // Another prompt's orchestration still waits: tell it, so it ends and cancels its timer.
  if (target.promptId !== promptId) await workflow.raisePromptReply(target.promptId, { kind: 'closed', eventId: reply.eventId });
  return state(await deps.prompts.get(promptId));
}

/**
 * The open prompts whose meeting still waits for an answer: a meeting cancelled or changed elsewhere
 * meanwhile (or gone) ends its prompt `superseded`, so a reply can neither confirm a cancelled meeting
 * nor be asked which of two meetings when one no longer counts.
 */
async function stillAsking(deps: AnswerPromptDeps, open: readonly StoredPrompt[], at: string): Promise<StoredPrompt[]> {
  const asking: StoredPrompt[] = [];
  for (const p of open) {
    const record = (await deps.meetings.get(p.meetingId))?.record;
    if (record?.status === 'scheduled' && p.sendKey.startsWith(`${record.meetingId}|${record.version}|`)) asking.push(p);
    else await deps.prompts.close(p.promptId, 'superseded', at, null);
  }
  return asking;
}

/**
 * What an answer does besides closing its prompt: a cancel cancels the meeting; the outcome's domain
 * event; then the acknowledgement. Run again on a redelivered reply, so each step is idempotent.
 */
async function followUp(deps: AnswerPromptDeps, workflow: MeetingWorkflow, settings: Settings, prompt: StoredPrompt, eventId: string): Promise<void> {
  if (prompt.outcome === 'noMatch') {
    await publishReplyEvent(deps, workflow, 'reply.noMatch', { prompt, replyId: eventId, channel: prompt.channel, at: prompt.closedAt ?? deps.clock.now().toISOString() });
    return;
  }
  if (prompt.outcome === 'confirmed' || prompt.outcome === 'rescheduleRequested') {
    const record = (await deps.meetings.get(prompt.meetingId))?.record;
    const type = prompt.outcome === 'confirmed' ? 'meeting.confirmed' : 'meeting.rescheduleRequested';
    if (record) await publishMeetingEvent(deps, workflow, type, record, { cause: prompt.promptId, promptId: prompt.promptId });
  }
  if (prompt.outcome === 'cancelled') {
    const cancelled = await cancelMeeting(deps, workflow, prompt.meetingId, { source: prompt.channel });
    if (cancelled.kind !== 'cancelled') {
      deps.log.warn(`prompt ${prompt.promptId}: the meeting could not be cancelled (${cancelled.kind})`);
      return;
    }
  }
  await acknowledge(deps, settings, prompt, eventId);
}

/**
 * The answer to an answer, with `acknowledge` on. A cancellation through SMS is answered by the
 * cancellation notice when those are on (one message, not two), else by `replyCancelled`.
 */
async function acknowledge(deps: AnswerPromptDeps, settings: Settings, prompt: StoredPrompt, eventId: string): Promise<void> {
  const intent = (Object.entries(ANSWER_OUTCOMES) as [AnswerIntent, PromptOutcome][]).find(([, o]) => o === prompt.outcome)?.[0];
  if (!intent || !settings.replies.acknowledge) return;
  if (intent === 'cancel' && settings.enabled && settings.cancellation[prompt.channel]) return;
  await sendReplyMessage(deps, settings, prompt, eventId, ACK[intent]);
}

/** The timeout: ends the prompt unless a reply ended it first, and says so once (`reply.timeout`). */
export async function timeOutPrompt(deps: Pick<AppDeps, 'prompts' | 'meetings' | 'events' | 'clock' | 'log'>, workflow: MeetingWorkflow, promptId: string): Promise<PromptState> {
  if (await deps.prompts.close(promptId, 'timeout', deps.clock.now().toISOString(), null)) deps.log.info(`prompt ${promptId}: timed out`);
  const prompt = await deps.prompts.get(promptId);
  // Published whenever the prompt ended so, not only when this attempt closed it: a retried activity publishes the same event.
  if (prompt?.outcome === 'timeout') await publishReplyEvent(deps, workflow, 'reply.timeout', { prompt, channel: prompt.channel, at: prompt.closedAt ?? deps.clock.now().toISOString() });
  return state(prompt);
}
