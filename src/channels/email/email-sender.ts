import type { ChannelSender } from '../../ports/dispatch';
import { channelSender } from '../channel-sender';
import type { SendResult } from '../../ports/send-result';

/** One email to one recipient; the sender address is the adapter's configuration. */
export interface EmailMessage {
  /** Recipient address. */
  to: string;
  subject: string;
  /** Plain-text alternative. */
  text: string;
  /** HTML body, already escaped by the template renderer. */
  html: string;
}

/** Sends email through a provider. */
export interface EmailSender {
  /**
   * Hands one email to the provider, at most once per `sendKey` where the provider allows it.
   *
   * @param message - what to send and to whom
   * @param sendKey - the deterministic key of this send (meeting, version, type, channel); the provider's
   *   operation ID derives from it so a resend after a crash is recognisable
   * @returns `sent` with the provider's operation/message ID, or a permanent `failed`
   * @throws TransientProviderError when the provider stayed unavailable or throttled after bounded retries
   */
  send(message: EmailMessage, sendKey: string): Promise<SendResult>;
}

/**
 * An {@link EmailSender} as the channel-free core sees it: it takes a dispatch of this channel and
 * hands its subject, text and HTML to the provider, the send key as the provider's operation ID.
 */
export function emailDispatchSender(provider: string, sender: EmailSender): ChannelSender {
  return channelSender(provider, 'email', (dispatch, content) => sender.send({ to: dispatch.to, subject: content.subject, text: content.text, html: content.html }, dispatch.key));
}
