import { classifyReply } from '../../domain';
import type { ReplyEvent } from '../../ports/inbound';
import type { AppDeps } from '../deps';

/**
 * What became of a customer's reply. `changed` is false when the store already had it (a repeated
 * STOP, or an event older than the last one recorded for the number). Prompts and their answers
 * (issue [3/9], later items) will add outcomes; anything else is `ignored` until then.
 */
export type ReplyOutcome =
  | { readonly outcome: 'optedOut'; readonly changed: boolean }
  | { readonly outcome: 'optedIn'; readonly changed: boolean }
  | { readonly outcome: 'help' }
  | { readonly outcome: 'unmatched' }
  | { readonly outcome: 'ignored'; readonly reason: string };

export type HandleReplyDeps = Pick<AppDeps, 'optOuts' | 'replies' | 'log'>;

/**
 * The seam where a customer's SMS reply enters the app: the events webhook calls this for every
 * `reply` event, once per event ID. Carrier keywords come first, before anything else may read the
 * reply (API.md "Opt-out"): a STOP-family word opts the number out of every SMS, START/UNSTOP opts it
 * back in, HELP asks for help. Nothing is sent in answer to STOP (the carrier answers it). The event's
 * own time orders the writes, so a repeated or late event changes nothing. Logs carry the event ID
 * only: never the number or the text.
 */
export async function handleReply(deps: HandleReplyDeps, event: ReplyEvent): Promise<ReplyOutcome> {
  const intent = classifyReply(event.text);
  const at = new Date(event.at);
  if (intent === 'stop') {
    const { changed } = await deps.optOuts.optOut(event.from, { source: 'reply', at });
    deps.log.info(`reply ${event.eventId}: opt-out${changed ? '' : ' (already recorded)'}`);
    return { outcome: 'optedOut', changed };
  }
  if (intent === 'start') {
    const { changed } = await deps.optOuts.optIn(event.from, at);
    deps.log.info(`reply ${event.eventId}: opt-in${changed ? '' : ' (already recorded)'}`);
    return { outcome: 'optedIn', changed };
  }
  if (intent === 'help') {
    // The replyHelp template is a later item of issue [3/9]: until it exists, nothing is sent.
    deps.log.info(`reply ${event.eventId}: help requested (no help answer is sent yet)`);
    return { outcome: 'help' };
  }
  // No prompt answers it (prompts are a later part of issue [3/9]): kept for staff to read and act on.
  await deps.replies.keepUnmatched({ replyId: event.eventId, receivedAt: event.at, channel: event.channel, from: event.from, to: event.to, text: event.text });
  deps.log.info(`reply ${event.eventId}: kept as unmatched (${intent})`);
  return { outcome: 'unmatched' };
}
