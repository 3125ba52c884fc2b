import { z } from 'zod';
import { ok, type Result } from '../../domain/result';
import type { InboundEvent } from '../../ports/inbound';
import { safeCode } from '../provider-errors';
import type { Envelope } from './event-envelope';
import { failAt, nonEmpty, parseFields, timestamp } from './event-fields';

// `sender`, `recipient` and `deliveryStatusDetails.statusMessage` (free text) are not read: the report is
// matched by `messageId`, the operation ID the send returned. The docs' sample spells the time
// `deliveryAttemptTimeStamp` and the CloudEvents example sends `status: "delivered"`: both work here.
const emailDeliveryReportData = z.object({
  messageId: nonEmpty,
  status: nonEmpty,
  deliveryAttemptTimestamp: timestamp.optional(),
});

/**
 * What each documented status means for the message (azure-docs `communication-services-email-events.md`):
 * `permanent` when the address itself is the problem, so another send to it fails too.
 * - `Bounced`: hard bounce (the address or domain does not exist). `Suppressed`: the address hard-bounced
 *   before and ACS is suppressing sends to it.
 * - `Quarantined`, `FilteredSpam`: the recipient's system held or rejected this message, not the address.
 * - `Failed`: not delivered, no more said.
 * Any other status is treated as not delivered, as the spec says ("Any value other than Delivered is
 * considered failed"), except `Expanded` (a distribution list was expanded into its members): not a verdict.
 */
const PERMANENT = new Set(['bounced', 'suppressed']);
const NOT_FINAL = new Set(['expanded']);

/** `Microsoft.Communication.EmailDeliveryReportReceived`. */
export function emailDeliveryReport(envelope: Envelope): Result<InboundEvent> {
  const data = parseFields(emailDeliveryReportData, envelope.data, [...envelope.path, 'data']);
  if (!data.ok) return data;
  const { messageId, status, deliveryAttemptTimestamp } = data.value;
  const at = deliveryAttemptTimestamp ?? envelope.time;
  if (at === undefined) return failAt([...envelope.path, 'time'], 'is required');
  const token = status.toLowerCase();
  const named = safeCode(status) ?? 'unrecognised status';
  if (NOT_FINAL.has(token)) return ok({ kind: 'ignored', eventId: envelope.id, type: envelope.type, reason: `email: ${named} is not a final status` });
  const common = { eventId: envelope.id, provider: 'acs', channel: 'email', providerMessageId: messageId, at } as const;
  if (token === 'delivered') return ok({ kind: 'delivered', ...common });
  return ok({ kind: 'undelivered', ...common, reason: `email: ${named}`, permanent: PERMANENT.has(token) });
}
