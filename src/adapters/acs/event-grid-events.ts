import { z } from 'zod';
import { ok, type FieldError, type Result } from '../../domain/result';
import type { InboundEvent, InboundEventParser, InboundParseResult, InboundRequest } from '../../ports/inbound';
import { emailDeliveryReport } from './acs-email-events';
import { smsDeliveryReport, smsReceived } from './acs-sms-events';
import { advancedMessageReceived, advancedMessageStatus } from './acs-whatsapp-events';
import { readEnvelopes, type Envelope } from './event-envelope';
import { nonEmpty, parseFields } from './event-fields';

/** The Event Grid and ACS event types we act on. */
export const ACS_EVENT_TYPES = {
  subscriptionValidation: 'Microsoft.EventGrid.SubscriptionValidationEvent',
  smsReceived: 'Microsoft.Communication.SMSReceived',
  smsDeliveryReport: 'Microsoft.Communication.SMSDeliveryReportReceived',
  emailDeliveryReport: 'Microsoft.Communication.EmailDeliveryReportReceived',
  advancedMessageReceived: 'Microsoft.Communication.AdvancedMessageReceived',
  advancedMessageStatus: 'Microsoft.Communication.AdvancedMessageDeliveryStatusUpdated',
} as const;

const validationData = z.object({ validationCode: nonEmpty });

function subscriptionValidation(envelope: Envelope): Result<InboundEvent> {
  const data = parseFields(validationData, envelope.data, [...envelope.path, 'data']);
  return data.ok ? ok({ kind: 'validation', eventId: envelope.id, validationCode: data.value.validationCode }) : data;
}

/**
 * One parser per event type. A new ACS event (WhatsApp's `AdvancedMessageReceived`, …) is one entry here
 * and one function beside the others; every other type becomes `ignored`.
 */
const PARSERS: Readonly<Record<string, (envelope: Envelope) => Result<InboundEvent>>> = {
  [ACS_EVENT_TYPES.subscriptionValidation]: subscriptionValidation,
  [ACS_EVENT_TYPES.smsReceived]: smsReceived,
  [ACS_EVENT_TYPES.smsDeliveryReport]: smsDeliveryReport,
  [ACS_EVENT_TYPES.emailDeliveryReport]: emailDeliveryReport,
  [ACS_EVENT_TYPES.advancedMessageReceived]: advancedMessageReceived,
  [ACS_EVENT_TYPES.advancedMessageStatus]: advancedMessageStatus,
};

/**
 * Parses the body of an ACS Event Grid subscription (`POST /api/events/acs`), in the Event Grid schema or
 * CloudEvents 1.0, into {@link InboundEvent}s. One malformed event fails the whole body: Event Grid then
 * dead-letters the delivery as it came (an answer of 400 cannot accept part of a batch), and batching is
 * off by default, so a delivery is one event. Never throws; errors name paths, never values.
 */
export function parseAcsEvents(request: InboundRequest): InboundParseResult {
  const envelopes = readEnvelopes(request);
  if (!envelopes.ok) return envelopes;
  const events: InboundEvent[] = [];
  const errors: FieldError[] = [];
  for (const read of envelopes.value) {
    if (!read.ok) {
      errors.push(...read.errors);
      continue;
    }
    const envelope = read.value;
    const parse = Object.hasOwn(PARSERS, envelope.type) ? PARSERS[envelope.type] : undefined;
    const parsed = parse ? parse(envelope) : ok<InboundEvent>({ kind: 'ignored', eventId: envelope.id, type: envelope.type });
    if (parsed.ok) events.push(parsed.value);
    else errors.push(...parsed.errors);
  }
  return errors.length > 0 ? { ok: false, errors } : ok(events);
}

/** The ACS webhook parser behind the {@link InboundEventParser} port. */
export const acsEventParser: InboundEventParser = { provider: 'acs', parse: parseAcsEvents };
