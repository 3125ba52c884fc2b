import type { Channel, MessageContent } from '../channels/registry';
import type { SendResult } from './send-result';

export type { MessageContent };

/** What a message is about: the ledger and the outbox key their rows by it. */
export type AboutKind = 'meeting' | 'callback' | 'deflection' | 'test' | 'help';

export interface About {
  readonly kind: AboutKind;
  /** The meeting ID, callback ID, deflection ID, a random ID for a test send, or (help) the number's hash. */
  readonly id: string;
}

/**
 * One message to hand to a provider, channel-neutral: the send activity claims `key` in the
 * ledger, calls the channel's sender with this, and records the result. It knows nothing of meetings.
 */
export interface Dispatch {
  /** Deterministic send key: the same key is the same message (ledger row, provider idempotency seed). */
  readonly key: string;
  readonly about: About;
  readonly channel: Channel;
  /** The recipient's address on this channel (E.164 for SMS). Never logged. */
  readonly to: string;
  /** The rendered message (what each channel's provider takes; see the channel modules). Never logged. */
  readonly content: MessageContent;
  /** When this key was first attempted (the provider's deduplication window starts here). */
  readonly firstSentAt: string;
  /** What kind of message it is (`confirmation`, `reminder`, `test`, …): the outbox shows it. */
  readonly purpose: string;
}

/** Hands dispatches of one channel to its provider. */
export interface ChannelSender {
  /** Which provider this is (`acs`, `outbox`, …): `/api/health` reports it. */
  readonly provider: string;
  /** The sender address it sends from (our SMS number), when fixed: prompts are keyed by it. */
  readonly from?: string;
  /**
   * Sends one message, at most once per `dispatch.key` where the provider allows it.
   * @returns `sent` with the provider's message ID, or a permanent `failed`
   * @throws TransientProviderError when the provider stayed unavailable or throttled after bounded retries
   */
  send(dispatch: Dispatch): Promise<SendResult>;
}
