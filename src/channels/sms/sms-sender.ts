import type { ChannelSender } from '../../ports/dispatch';
import { channelSender } from '../channel-sender';
import type { SendResult } from '../../ports/send-result';

/** One text message to one recipient. */
export interface SmsMessage {
  /** Recipient in E.164, e.g. `+14255550123`. */
  to: string;
  /** Sender number in E.164; the adapter's configured number when omitted. */
  from?: string;
  /** Message text, already rendered and within the channel's length rules. */
  text: string;
}

/** Sends SMS through a provider. */
export interface SmsSender {
  /**
   * Hands one message to the provider, at most once per `sendKey`.
   *
   * @param message - what to send and to whom
   * @param sendKey - the deterministic key of this send (meeting, version, type, channel); the provider's
   *   deduplication ID derives from it, so calling again with the same key does not send a second message
   *   (within the provider's deduplication window)
   * @param firstSentAt - when this send key was first attempted (stored with the ledger claim); the
   *   provider uses it to decide whether a repeat is still safe to deduplicate
   * @returns `sent` with the provider's message ID, or a permanent `failed`
   * @throws TransientProviderError when the provider stayed unavailable or throttled after bounded retries
   */
  send(message: SmsMessage, sendKey: string, firstSentAt: Date): Promise<SendResult>;
}

/**
 * An {@link SmsSender} as the channel-free core sees it: it takes a dispatch of this channel and
 * hands its text to the provider with the send key and the first attempt's time (ACS repeatability).
 */
export function smsDispatchSender(provider: string, sender: SmsSender): ChannelSender {
  return channelSender(provider, 'sms', (dispatch, content) => sender.send({ to: dispatch.to, text: content.text }, dispatch.key, new Date(dispatch.firstSentAt)));
}
