import { z } from 'zod';
import { ok, type Result } from '../../domain/result';
import type { InboundEvent } from '../../ports/inbound';
import { safeCode } from '../provider-errors';
import type { Envelope } from './event-envelope';
import { acsPhone, failAt, isRecord, nonEmpty, parseFields, timestamp } from './event-fields';

// Wire names (azure-docs `communication-services-advanced-messaging-events.md`, acs-channels.md §3.3),
// not the SDK's typings (`channelKind`, `context.messageId`…), which Event Grid never sends. `to` of a
// received message is our channel registration ID, not a number. Media, reactions and `error` are not read.
const receivedData = z.object({
  messageId: nonEmpty,
  from: acsPhone,
  to: nonEmpty,
  content: z.string().optional(),
  receivedTimestamp: timestamp.optional(),
  context: z.unknown().optional(),
  button: z.unknown().optional(),
  interactive: z.unknown().optional(),
});
const contextData = z.object({ id: z.string().optional(), messageId: z.string().optional() });
const buttonData = z.object({ text: z.string().optional(), payload: z.string().optional() });
const interactiveData = z.object({ buttonReply: z.unknown().optional() });
const buttonReplyData = z.object({ id: z.string().optional(), title: z.string().optional() });

const statusData = z.object({
  messageId: nonEmpty,
  status: nonEmpty,
  receivedTimestamp: timestamp.optional(),
  error: z.unknown().optional(),
});
const errorData = z.object({ channelCode: z.union([z.string(), z.number()]).optional() });

/**
 * Meta's codes for a number that cannot take the message at all (contact-center.md §D.3): 131026
 * "Receiver is incapable of receiving this message" (not on WhatsApp), 131049 (Meta's ecosystem
 * limit), 131050 (the user stopped marketing messages). Another send to it fails the same way.
 */
export const WHATSAPP_PERMANENT_CODES = new Set(['131026', '131049', '131050']);

/** An optional nested object, read case-insensitively like the data itself. */
function nested<S extends z.ZodObject>(schema: S, value: unknown, at: (string | number)[]): Result<z.output<S> | undefined> {
  if (value === undefined || value === null) return ok(undefined);
  return isRecord(value) ? parseFields(schema, value, at) : failAt(at, 'must be an object');
}

/**
 * `Microsoft.Communication.AdvancedMessageReceived`: a customer's WhatsApp message to our channel. A
 * quick-reply button press carries `button.payload` (our `confirm` / `cancel` / `reschedule`) and
 * `context.id`, the message ID our send got back, which attributes it exactly.
 */
export function advancedMessageReceived(envelope: Envelope): Result<InboundEvent> {
  const path = [...envelope.path, 'data'];
  const data = parseFields(receivedData, envelope.data, path);
  if (!data.ok) return data;
  const context = nested(contextData, data.value.context, [...path, 'context']);
  const button = nested(buttonData, data.value.button, [...path, 'button']);
  const interactive = nested(interactiveData, data.value.interactive, [...path, 'interactive']);
  if (!context.ok) return context;
  if (!button.ok) return button;
  if (!interactive.ok) return interactive;
  const reply = nested(buttonReplyData, interactive.value?.buttonReply, [...path, 'interactive', 'buttonReply']);
  if (!reply.ok) return reply;
  const at = data.value.receivedTimestamp ?? envelope.time;
  if (at === undefined) return failAt([...envelope.path, 'time'], 'is required');
  const payload = button.value?.payload ?? reply.value?.id;
  const contextMessageId = context.value?.id ?? context.value?.messageId;
  return ok({
    kind: 'reply',
    eventId: envelope.id,
    provider: 'acs',
    channel: 'whatsapp',
    from: data.value.from,
    to: data.value.to,
    text: data.value.content ?? button.value?.text ?? reply.value?.title ?? '',
    at,
    providerMessageId: data.value.messageId,
    ...(payload ? { buttonPayload: payload } : {}),
    ...(contextMessageId ? { contextMessageId } : {}),
  });
}

/**
 * `Microsoft.Communication.AdvancedMessageDeliveryStatusUpdated`: `Delivered` and `Read` (read implies
 * delivered) deliver; `Failed` does not (permanent for the codes above); `Sent` says no more than the
 * send's own answer, and `Warning` / `Unknown` are no verdict: ignored, named.
 */
export function advancedMessageStatus(envelope: Envelope): Result<InboundEvent> {
  const path = [...envelope.path, 'data'];
  const data = parseFields(statusData, envelope.data, path);
  if (!data.ok) return data;
  const error = nested(errorData, data.value.error, [...path, 'error']);
  if (!error.ok) return error;
  const at = data.value.receivedTimestamp ?? envelope.time;
  if (at === undefined) return failAt([...envelope.path, 'time'], 'is required');
  const status = data.value.status.toLowerCase();
  const named = safeCode(data.value.status) ?? 'unrecognised status';
  const common = { eventId: envelope.id, provider: 'acs', channel: 'whatsapp', providerMessageId: data.value.messageId, at } as const;
  if (status === 'delivered' || status === 'read') return ok({ kind: 'delivered', ...common });
  if (status === 'failed') {
    // Meta's codes are numbers (131026): a plain token either way, never the free-text channelMessage.
    const raw = String(error.value?.channelCode ?? '');
    const code = /^\d{1,10}$/.test(raw) ? raw : safeCode(raw);
    return ok({ kind: 'undelivered', ...common, reason: `whatsapp: Failed${code ? ` (${code})` : ''}`, permanent: code !== undefined && WHATSAPP_PERMANENT_CODES.has(code) });
  }
  return ok({ kind: 'ignored', eventId: envelope.id, type: envelope.type, reason: `whatsapp: ${named} is not a final status` });
}
