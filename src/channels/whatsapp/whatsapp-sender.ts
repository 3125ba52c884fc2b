import type { Clock } from '../../ports/clock';
import type { ConversationWindows } from '../../ports/conversation-windows';
import type { ChannelSender } from '../../ports/dispatch';
import type { SendResult } from '../../ports/send-result';
import { channelSender } from '../channel-sender';
import type { WhatsAppContent } from './index';
import type { WhatsAppButton } from './whatsapp-template';

/** WhatsApp's customer-service window: free-form text only this long after the customer's last message. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

/** One WhatsApp message: an approved template (any time) or a free-form text (inside the window). */
export type WhatsAppMessage =
  | { readonly kind: 'template'; readonly to: string; readonly name: string; readonly language: string; readonly parameters: readonly string[]; readonly buttons: readonly WhatsAppButton[] }
  | { readonly kind: 'text'; readonly to: string; readonly text: string };

/** Sends WhatsApp messages through a provider (ACS Advanced Messaging). */
export interface WhatsAppSender {
  /**
   * Hands one message to the provider, at most once per `sendKey` (its Repeatability-Request-ID).
   * @returns `sent` with the provider's message ID (what status events and replies' context carry), or a permanent `failed`
   * @throws TransientProviderError when the provider stayed unavailable or throttled after bounded retries
   */
  send(message: WhatsAppMessage, sendKey: string, firstSentAt: Date): Promise<SendResult>;
}

/** The reason recorded when only free text was rendered and the customer's window is closed. */
export const OUTSIDE_WINDOW_REASON = 'whatsapp: outside the 24-hour window (no template to send)';

/**
 * Template or text: free text goes only while the customer's window is open (their last message less
 * than 24 hours ago); otherwise the approved template; with neither allowed, the reason it cannot go.
 * The content returned carries only what goes (its `text` is what the customer will read).
 */
export function chooseWhatsAppContent(content: WhatsAppContent, lastInboundAt: string | undefined, now: Date): WhatsAppContent | { readonly problem: string } {
  const open = lastInboundAt !== undefined && now.getTime() - Date.parse(lastInboundAt) < WHATSAPP_WINDOW_MS;
  if (content.freeText !== null && open) return { channel: 'whatsapp', text: content.freeText, freeText: content.freeText, template: null, buttons: [] };
  if (content.template) return { ...content, freeText: null };
  return { problem: OUTSIDE_WINDOW_REASON };
}

/** The provider message of a content {@link chooseWhatsAppContent} chose. */
export function whatsAppMessageOf(content: WhatsAppContent, to: string): WhatsAppMessage {
  return content.template ? { kind: 'template', to, ...content.template } : { kind: 'text', to, text: content.freeText ?? content.text };
}

/**
 * Puts the 24-hour rule in front of any WhatsApp sender (the ACS one, the local outbox): it reads the
 * customer's window and hands on the dispatch with only what may go, or records the send failed when
 * nothing may (never reaching the provider).
 */
export function windowedWhatsAppSender(inner: ChannelSender, windows: ConversationWindows, clock: Pick<Clock, 'now'>): ChannelSender {
  return {
    ...inner,
    async send(dispatch) {
      if (dispatch.content.channel !== 'whatsapp') return inner.send(dispatch);
      const chosen = chooseWhatsAppContent(dispatch.content, await windows.lastInboundAt(dispatch.to), clock.now());
      if ('problem' in chosen) return { status: 'failed', kind: 'permanent', reason: chosen.problem } satisfies SendResult;
      return inner.send({ ...dispatch, content: chosen });
    },
  };
}

/**
 * A {@link WhatsAppSender} as the channel-free core sees it, behind the window rule, handing over the
 * send key and the first attempt's time (repeatability). `from` is our channel registration ID:
 * prompts are keyed by it, as replies arrive addressed to it.
 */
export function whatsAppDispatchSender(provider: string, sender: WhatsAppSender, windows: ConversationWindows, clock: Pick<Clock, 'now'>, from: string): ChannelSender {
  const bridge = channelSender(provider, 'whatsapp', (dispatch, content) => sender.send(whatsAppMessageOf(content, dispatch.to), dispatch.key, new Date(dispatch.firstSentAt)));
  return { ...windowedWhatsAppSender(bridge, windows, clock), from };
}
