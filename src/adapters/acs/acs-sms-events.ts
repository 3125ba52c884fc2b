import { z } from 'zod';
import { ok, type Result } from '../../domain/result';
import type { InboundEvent } from '../../ports/inbound';
import { safeCode } from '../provider-errors';
import type { Envelope } from './event-envelope';
import { acsPhone, failAt, nonEmpty, parseFields, timestamp } from './event-fields';

// Schemas name the fields in the spec's camelCase; parseFields matches `MessageId`, `From`, `Tag` too.
// Delivery reports carry `from`/`to` as well; they are not read, so no number travels further than needed.
const smsReceivedData = z.object({
  messageId: nonEmpty,
  from: acsPhone,
  to: acsPhone,
  message: z.string(),
  receivedTimestamp: timestamp.optional(),
});

const smsDeliveryReportData = z.object({
  messageId: nonEmpty,
  deliveryStatus: nonEmpty,
  deliveryStatusDetails: z.string().optional(),
  receivedTimestamp: timestamp.optional(),
  tag: z.string().optional(),
});

/**
 * ACS's wording when it refuses to send to a number that texted STOP (SMS FAQ): sending again cannot work
 * until the customer opts back in, so the failure is permanent. Matched loosely: it is free text.
 */
const SENDER_BLOCKED = /sender blocked/i;

/** `Microsoft.Communication.SMSReceived`: a customer's SMS to one of our numbers. */
export function smsReceived(envelope: Envelope): Result<InboundEvent> {
  const data = parseFields(smsReceivedData, envelope.data, [...envelope.path, 'data']);
  if (!data.ok) return data;
  const at = data.value.receivedTimestamp ?? envelope.time;
  if (at === undefined) return failAt([...envelope.path, 'time'], 'is required');
  return ok({
    kind: 'reply',
    eventId: envelope.id,
    provider: 'acs',
    channel: 'sms',
    from: data.value.from,
    to: data.value.to,
    text: data.value.message,
    at,
    providerMessageId: data.value.messageId,
  });
}

/**
 * `Microsoft.Communication.SMSDeliveryReportReceived`. The spec lists `Delivered` and `Failed`; any other
 * status (`Expired`, or one added later) is not a delivery either, so it is reported undelivered, named.
 */
export function smsDeliveryReport(envelope: Envelope): Result<InboundEvent> {
  const data = parseFields(smsDeliveryReportData, envelope.data, [...envelope.path, 'data']);
  if (!data.ok) return data;
  const { messageId, deliveryStatus, deliveryStatusDetails, receivedTimestamp, tag } = data.value;
  const at = receivedTimestamp ?? envelope.time;
  if (at === undefined) return failAt([...envelope.path, 'time'], 'is required');
  const common = { eventId: envelope.id, provider: 'acs', channel: 'sms', providerMessageId: messageId, at } as const;
  // The sender sets `tag: sendKey`; an empty tag is no key.
  const sendKey = tag ? { sendKey: tag } : {};
  if (deliveryStatus.toLowerCase() === 'delivered') return ok({ kind: 'delivered', ...common, ...sendKey });
  const blocked = SENDER_BLOCKED.test(deliveryStatusDetails ?? '');
  const status = safeCode(deliveryStatus) ?? 'unrecognised status';
  return ok({
    kind: 'undelivered',
    ...common,
    reason: `sms: ${status}${blocked ? ' (sender blocked for this recipient)' : ''}`,
    permanent: blocked,
    ...sendKey,
  });
}
