import { randomUUID } from 'node:crypto';
import { ACS_EVENT_TYPES, type OutboxMessage } from '../../src/adapters/devhost-hooks';

/** The devhost's stand-in for an ACS resource, as an Event Grid `topic` (as acs-events.ts). */
const TOPIC = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/devhost/providers/microsoft.communication/communicationservices/devhost';

/** Advanced Messaging writes the customer's number without the `+` (azure-docs' samples): so does the devhost. */
const bare = (number: string): string => number.replace(/^\+/, '');

const envelope = (id: string, subject: string, eventType: string, data: Record<string, unknown>, at: string) => ({
  id, topic: TOPIC, subject, data, eventType, dataVersion: '1.0', metadataVersion: '1', eventTime: at,
});

/** What a customer does in WhatsApp: writes a text, or presses a quick-reply button of one of our messages. */
export type WhatsAppInbound =
  | { readonly from: string; readonly to: string; readonly text: string; readonly contextMessageId?: string }
  | { readonly from: string; readonly to: string; readonly buttonPayload: string; readonly buttonText: string; readonly contextMessageId?: string };

/**
 * `Microsoft.Communication.AdvancedMessageReceived` in the Event Grid schema with the wire field names
 * (azure-docs `communication-services-advanced-messaging-events.md`): `to` is our channel registration
 * ID; a button press carries `button { text, payload }` and `context { from, id }` (our message's ID).
 */
export function advancedMessageReceived(message: WhatsAppInbound, now: Date): Record<string, unknown> {
  const at = now.toISOString();
  const id = randomUUID();
  const button = 'buttonPayload' in message;
  return envelope(id, `advancedMessage/sender/${bare(message.from)}/recipient/${message.to}`, ACS_EVENT_TYPES.advancedMessageReceived, {
    channelType: 'whatsapp', from: bare(message.from), to: message.to, receivedTimestamp: at, messageId: id,
    messageType: button ? 'button' : 'text',
    ...(button ? { button: { text: message.buttonText, payload: message.buttonPayload } } : { content: message.text }),
    ...(message.contextMessageId ? { context: { from: message.to, id: message.contextMessageId } } : {}),
  }, at);
}

/** `AdvancedMessageDeliveryStatusUpdated` for a recorded WhatsApp message (event ID from the message and status, so a repeat is a duplicate). */
export function advancedMessageStatus(message: OutboxMessage, status: 'Sent' | 'Delivered' | 'Read' | 'Failed', now: Date): Record<string, unknown> {
  const at = now.toISOString();
  return envelope(`${message.messageId}-${status.toLowerCase()}`, `advancedMessage/sender/${message.from}/recipient/${bare(message.to)}`, ACS_EVENT_TYPES.advancedMessageStatus, {
    channelType: 'whatsapp', from: message.from, to: bare(message.to), messageId: message.messageId, status, receivedTimestamp: at,
  }, at);
}
