import type { ReplyChannel } from './inbound';
/**
 * A customer's SMS that no prompt and no keyword answered: kept for staff to read and act on
 * (API.md: `GET /api/replies?unmatched=true`). It holds personal data (the number and the text): the
 * store is read only by admins and nothing here is ever logged.
 */
export interface StoredReply {
  /** The provider's event ID: one reply, however often Event Grid delivers it. */
  readonly replyId: string;
  readonly receivedAt: string;
  readonly channel: ReplyChannel;
  /** The customer's number (E.164). */
  readonly from: string;
  /** Our number they wrote to (E.164). */
  readonly to: string;
  readonly text: string;
}

/** Replies kept for staff, newest first. */
export interface ReplyStore {
  /** Keeps a reply; the same `replyId` again changes nothing. */
  keepUnmatched(reply: StoredReply): Promise<void>;
  /** The newest unmatched replies first, at most `limit`. */
  listUnmatched(limit: number): Promise<StoredReply[]>;
}
