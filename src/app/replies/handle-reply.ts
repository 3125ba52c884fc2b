import { choiceIn, classifyReply, promptIdFor, type ReplyIntent, type Settings } from '../../domain';
import type { StoredPrompt } from '../../ports/prompt-store';
import { collectTicketMessage, type TicketMessageDeps } from '../deflections/ticket-messages';
import type { ReplyEvent } from '../../ports/inbound';
import type { MeetingWorkflow } from '../../ports/meeting-workflow';
import type { AppDeps } from '../deps';
import { answerHelp, type HelpAnswerDeps } from './help-answer';
import { sendReplyMessage, type ReplySendDeps } from './reply-sends';
import { publishContactEvent, publishReplyEvent, type PublishDeps } from '../events/publish-events';

/**
 * What became of a customer's reply. `changed` is false when the store already had it (a repeated
 * STOP, or an event older than the last one recorded for the number). `forwarded`: handed to the
 * newest open prompt of the (customer, sender) pair, whose orchestration's activity decides what it
 * answers. `unmatched`: no prompt was open, so it was kept for staff.
 */
export type ReplyOutcome =
  | { readonly outcome: 'optedOut'; readonly changed: boolean }
  | { readonly outcome: 'optedIn'; readonly changed: boolean }
  | { readonly outcome: 'help' }
  | { readonly outcome: 'unmatched' }
  | { readonly outcome: 'forwarded'; readonly promptId: string }
  | { readonly outcome: 'ticketed' }
  | { readonly outcome: 'ignored'; readonly reason: string };

export type HandleReplyDeps = ReplySendDeps & HelpAnswerDeps & PublishDeps & TicketMessageDeps & Pick<AppDeps, 'optOuts' | 'replies' | 'prompts' | 'settings' | 'meetings' | 'messageIndex' | 'conversations' | 'log'>;

/**
 * The seam where a customer's SMS or WhatsApp reply enters the app: the events webhook calls this for every
 * `reply` event, once per event ID. Carrier keywords come first, before anything else may read the
 * reply (API.md "Opt-out"), each only as the whole reply: a STOP-family word opts the number out of
 * every SMS, START/UNSTOP opts it back in, HELP asks for help. Nothing is sent in answer to STOP (the
 * carrier answers it). The event's own time orders the writes, so a repeated or late event changes
 * nothing. Logs carry the event ID only: never the number or the text.
 */
export async function handleReply(deps: HandleReplyDeps, workflow: MeetingWorkflow, event: ReplyEvent): Promise<ReplyOutcome> {
  // Any WhatsApp message opens the customer's 24-hour window (free text may answer it), STOP included.
  if (event.channel === 'whatsapp') await deps.conversations.recordInbound(event.from, event.at);
  // A button's payload is its meaning; a button is never a carrier keyword.
  const intent = event.buttonPayload === undefined ? classifyReply(event.text) : 'unknown';
  const at = new Date(event.at);
  if (intent === 'stop') {
    const { changed, state } = await deps.optOuts.optOut(event.from, { source: 'reply', at });
    deps.log.info(`reply ${event.eventId}: opt-out${changed ? '' : ' (already recorded)'}`);
    const open = await deps.prompts.openFor(event.from);
    // This event's opt-out (also when a redelivery finds it recorded by its first delivery): published once.
    if (changed || (state.optedOut && state.since === at.toISOString())) {
      await publishContactEvent(deps, workflow, 'contact.optedOut', { cause: event.eventId, source: 'reply', at: event.at, newestPrompt: open[open.length - 1] });
    }
    // STOP ends every open prompt of the number, whichever of our numbers it wrote to.
    for (const prompt of open) {
      await deps.prompts.close(prompt.promptId, 'optedOut', event.at, event.eventId);
      await deps.prompts.recordReply({ eventId: event.eventId, meetingId: prompt.meetingId, receivedAt: event.at, channel: prompt.channel, intent: 'stop', outcome: 'optedOut' });
      await workflow.raisePromptReply(prompt.promptId, { kind: 'closed', eventId: event.eventId });
    }
    return { outcome: 'optedOut', changed };
  }
  if (intent === 'start') {
    const { changed, state } = await deps.optOuts.optIn(event.from, at);
    deps.log.info(`reply ${event.eventId}: opt-in${changed ? '' : ' (already recorded)'}`);
    if (changed || (!state.optedOut && state.updatedAt === at.toISOString())) {
      await publishContactEvent(deps, workflow, 'contact.optedIn', { cause: event.eventId, source: 'reply', at: event.at });
    }
    return { outcome: 'optedIn', changed };
  }
  const { settings } = await deps.settings.get();
  // A prompt past its time, and every prompt once replies are off, takes no reply: it is kept for
  // staff. So does a pair one of whose prompts stopped listening (too many replies): handing the reply
  // to another of its prompts would answer that one without asking which.
  // A WhatsApp reply naming one of our messages answers that message's prompt or none: a press on an
  // old reminder never answers another meeting's question.
  const named = await namedPrompt(deps, settings, event);
  const exact = named.prompt;
  const live = !named.names && settings.replies.enabled ? (await deps.prompts.openFor(event.from, event.to)).filter((p) => p.closesAt > event.at) : [];
  const open = named.names ? (exact ? [exact] : []) : live.some((p) => p.listening === false) ? [] : live;
  const newest = open[open.length - 1];
  // An open ticket (a deflection) gathers every later WhatsApp message of the customer.
  const ticketed = event.channel === 'whatsapp' ? await collectTicketMessage(deps, workflow, event) : false;
  if (intent === 'help' && (newest || event.channel === 'sms')) {
    // With a prompt open, the help names what to reply about its meeting; without one, it says who
    // we are and how to opt out (at most once an hour per number; see answerHelp).
    if (newest) {
      await deps.prompts.recordReply({ eventId: event.eventId, meetingId: newest.meetingId, receivedAt: event.at, channel: newest.channel, intent, outcome: 'help' });
      await sendReplyMessage(deps, settings, newest, event.eventId, 'replyHelp');
      deps.log.info(`reply ${event.eventId}: help requested`);
    } else {
      const answered = await answerHelp(deps, settings, event);
      deps.log.info(`reply ${event.eventId}: help requested, no open prompt (${answered.status === 'sent' ? 'answered' : `not answered: ${answered.reason}`})`);
    }
    return { outcome: 'help' };
  }
  if (newest) {
    // The matching is the prompt orchestration's activity: it gets the meaning, never the number or text.
    const meaning = buttonIntent(event) ?? classifyReply(event.text, newest.locale, settings.replies.keywords);
    const choice = event.buttonPayload === undefined ? (choiceIn(event.text) ?? null) : null;
    await workflow.raisePromptReply(newest.promptId, { kind: 'reply', eventId: event.eventId, at: event.at, intent: meaning, choice, ...(exact ? { exact: true } : {}) });
    deps.log.info(`reply ${event.eventId}: handed to prompt ${newest.promptId} (${meaning})`);
    return { outcome: 'forwarded', promptId: newest.promptId };
  }
  if (ticketed) return { outcome: 'ticketed' };
  // No prompt answers it: kept for staff to read and act on.
  await deps.replies.keepUnmatched({ replyId: event.eventId, receivedAt: event.at, channel: event.channel, from: event.from, to: event.to, text: event.text });
  deps.log.info(`reply ${event.eventId}: kept as unmatched (${intent})`);
  await publishReplyEvent(deps, workflow, 'reply.unsolicited', { replyId: event.eventId, channel: event.channel, at: event.at });
  return { outcome: 'unmatched' };
}

const BUTTON_INTENTS: ReadonlySet<string> = new Set<ReplyIntent>(['confirm', 'cancel', 'reschedule']);

/** The intent of a WhatsApp quick-reply button (its payload is ours: confirm, cancel, reschedule). */
function buttonIntent(event: ReplyEvent): ReplyIntent | undefined {
  return event.buttonPayload !== undefined && BUTTON_INTENTS.has(event.buttonPayload) ? (event.buttonPayload as ReplyIntent) : undefined;
}

/**
 * The prompt a WhatsApp reply names itself: its `context` is the provider message ID of our message,
 * which the message index maps to our send (`names`), whose prompt it is — when that prompt is still
 * open and listening (`prompt`). Exact: no "which meeting?" between two open prompts, and a reply to a
 * message whose question has ended (or that asked none: a deflection's) answers no other.
 */
async function namedPrompt(deps: HandleReplyDeps, settings: Settings, event: ReplyEvent): Promise<{ readonly names: boolean; readonly prompt?: StoredPrompt }> {
  if (event.contextMessageId === undefined) return { names: false };
  const ref = await deps.messageIndex.find(event.contextMessageId);
  if (!ref) return { names: false };
  if (!settings.replies.enabled) return { names: true };
  const prompt = await deps.prompts.get(promptIdFor(ref.sendKey));
  const usable = prompt?.outcome === 'open' && prompt.listening !== false && prompt.closesAt > event.at && prompt.customer === event.from;
  return usable ? { names: true, prompt } : { names: true };
}
