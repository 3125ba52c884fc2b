import type { ReplyEvent } from '../../ports/inbound';
import type { AppDeps } from '../deps';

/** What became of a customer's reply (extended by the reply and opt-out work of issue [3/9]). */
export type ReplyOutcome = { readonly outcome: 'ignored'; readonly reason: string };

/**
 * The seam where a customer's SMS reply enters the app: the events webhook calls this for every
 * `reply` event, once per event ID. Issue [3/9] builds the behaviour behind it (STOP before anything
 * else, START/HELP, prompts and their answers); until then a reply changes nothing and says so.
 */
export async function handleReply(deps: Pick<AppDeps, 'log'>, event: ReplyEvent): Promise<ReplyOutcome> {
  deps.log.info(`reply ${event.eventId}: not handled yet (two-way SMS is not built)`);
  return { outcome: 'ignored', reason: 'replies are not handled yet' };
}
