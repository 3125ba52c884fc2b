import { randomUUID } from 'node:crypto';
import { ACS_EVENT_TYPES, type OutboxMessage } from '../../src/adapters/devhost-hooks';
import { advancedMessageStatus } from './whatsapp-events';

/** The devhost's stand-in for an ACS resource, as an Event Grid `topic`. */
const TOPIC = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/devhost/providers/microsoft.communication/communicationservices/devhost';

/** ACS writes numbers without the `+` in some fields (Microsoft's samples do): so does the devhost, to keep the parser honest. */
const bare = (number: string): string => number.replace(/^\+/, '');

const envelope = (id: string, subject: string, eventType: string, data: Record<string, unknown>, now: string) => ({
  id, topic: TOPIC, subject, data, eventType, dataVersion: '1.0', metadataVersion: '1', eventTime: now,
});

/**
 * The `Delivered` report ACS would send for a recorded message, in the Event Grid schema, shaped like
 * Microsoft's samples; undefined for a channel without delivery reports. The event ID is the message ID
 * (as in the samples), so reporting the same message again is a duplicate the webhook skips.
 */
export function deliveredReport(message: OutboxMessage, now: Date): Record<string, unknown> | undefined {
  const at = now.toISOString();
  if (message.channel === 'sms') {
    return envelope(message.messageId, `/phonenumber/${bare(message.from)}`, ACS_EVENT_TYPES.smsDeliveryReport, {
      messageId: message.messageId, from: bare(message.from), to: message.to, deliveryStatus: 'Delivered', deliveryStatusDetails: 'No error.',
      receivedTimestamp: at, deliveryAttempts: [{ timestamp: at, segmentsSucceeded: 1, segmentsFailed: 0 }], Tag: message.sendKey,
    }, at);
  }
  if (message.channel === 'email') {
    return envelope(message.messageId, `sender/${message.from}/message/${message.messageId}`, ACS_EVENT_TYPES.emailDeliveryReport, {
      sender: message.from, recipient: message.to, messageId: message.messageId, status: 'Delivered',
      deliveryStatusDetails: { statusMessage: 'No error.' }, deliveryAttemptTimeStamp: at,
    }, at);
  }
  if (message.channel === 'whatsapp') return advancedMessageStatus(message, 'Delivered', now);
  return undefined;
}

/** A customer's SMS to one of our numbers, as ACS posts it (`Incoming_<time><uuid>` as in the samples). */
export function smsReceived(sms: { from: string; to: string; text: string }, now: Date): Record<string, unknown> {
  const at = now.toISOString();
  const id = `Incoming_${at.replace(/\D/g, '').slice(0, 14)}${randomUUID()}`;
  return envelope(id, `/phonenumber/${bare(sms.to)}`, ACS_EVENT_TYPES.smsReceived, {
    messageId: id, from: bare(sms.from), to: bare(sms.to), message: sms.text, receivedTimestamp: at, segmentCount: Math.max(1, Math.ceil(sms.text.length / 153)),
  }, at);
}
