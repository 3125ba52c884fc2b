import type { Channel } from '../channels/registry';
import type { FieldError, Result } from '../domain/result';

/**
 * What a provider tells us through its webhooks, after its adapter has parsed and validated the payload:
 * one discriminated union (`kind`) for every provider, so handlers never see a provider's wire format.
 *
 * Invariants every member keeps:
 * - `eventId` is the provider's ID for the delivery (the Event Grid / CloudEvents `id`). Deliveries come
 *   at least once, so handlers deduplicate on it.
 * - Times are ISO-8601 UTC strings (`…Z`), not `Date`s: events cross into Durable Functions as JSON.
 * - Phone numbers are E.164 (`+14255550123`), whatever the provider sent, so they compare with stored ones.
 * - `reason` strings are safe to store and log: status tokens and codes only, never an address, a phone
 *   number or message text.
 *
 * Adding an event (voice callbacks, WhatsApp messages and statuses) is a new member here and a new
 * handler; existing members do not change. See docs/inbound-events.md.
 */
export type InboundEvent = DeliveredEvent | UndeliveredEvent | ReplyEvent | ValidationEvent | IgnoredEvent;

/** Which adapter produced the event. Widen when a provider with its own webhooks is added. */
export type InboundProvider = 'acs';

/** Channels a customer can answer on in text. */
export type ReplyChannel = Extract<Channel, 'sms' | 'whatsapp'>;

/** The provider handed a message we sent to the recipient (SMS handset, recipient's mail server). */
export interface DeliveredEvent {
  readonly kind: 'delivered';
  readonly eventId: string;
  readonly provider: InboundProvider;
  readonly channel: Channel;
  /** The ID the send returned (`SendResult.providerMessageId`): how the report finds its ledger row. */
  readonly providerMessageId: string;
  /** When the provider saw the delivery (falls back to the event's own time). */
  readonly at: string;
  /** Our send key, when the provider echoes it (the ACS SMS `tag` the sender sets). */
  readonly sendKey?: string;
}

/** The provider gave up on a message we sent. A message's state only moves forward: handlers ignore a late one. */
export interface UndeliveredEvent {
  readonly kind: 'undelivered';
  readonly eventId: string;
  readonly provider: InboundProvider;
  readonly channel: Channel;
  readonly providerMessageId: string;
  readonly at: string;
  /** Safe summary such as `sms: Failed` or `email: Bounced`: the status token, never an address. */
  readonly reason: string;
  /**
   * True when sending to this address again cannot succeed (hard bounce, recipient blocked or opted out),
   * so a handler may stop using it; false when the same address may work another time.
   */
  readonly permanent: boolean;
  readonly sendKey?: string;
}

/** A customer's message to one of our numbers (an answer to a prompt, STOP, or anything else). */
export interface ReplyEvent {
  readonly kind: 'reply';
  readonly eventId: string;
  readonly provider: InboundProvider;
  readonly channel: ReplyChannel;
  /** The customer's number, E.164. Personal data: never logged. */
  readonly from: string;
  /** Our number the customer wrote to, E.164 (WhatsApp: our channel registration ID): with `from` it picks the open prompt. */
  readonly to: string;
  /** The message as sent. Personal data: never logged. */
  readonly text: string;
  readonly at: string;
  readonly providerMessageId: string;
  /** WhatsApp: the payload of the quick-reply button pressed (`confirm`, `cancel`, `reschedule`). */
  readonly buttonPayload?: string;
  /** WhatsApp: the provider message ID of our message this one answers (`context.id`): exact attribution. */
  readonly contextMessageId?: string;
}

/** Event Grid's subscription handshake: the endpoint answers `200 {"validationResponse": validationCode}`. */
export interface ValidationEvent {
  readonly kind: 'validation';
  readonly eventId: string;
  readonly validationCode: string;
}

/**
 * A well-formed event we do not act on: a type we do not handle (chat, calls, engagement tracking) or a
 * status that is not a verdict (an email `Expanded` to a distribution list). The endpoint answers 200.
 */
export interface IgnoredEvent {
  readonly kind: 'ignored';
  readonly eventId: string;
  /** The provider's event type, e.g. `Microsoft.Communication.ChatMessageReceived`. */
  readonly type: string;
  /** Why a handled type was still ignored (safe, like `UndeliveredEvent.reason`). */
  readonly reason?: string;
}

/** The `kind`s of the union. */
export type InboundKind = InboundEvent['kind'];

/** The member of the union with `kind` K. */
export type InboundEventOf<K extends InboundKind> = Extract<InboundEvent, { readonly kind: K }>;

/**
 * One handler per kind. Typing a handler table with this makes a new member a compile error until it has
 * a handler, so no event kind is dropped by a forgotten `switch` branch.
 */
export type InboundHandlers<R> = { readonly [K in InboundKind]: (event: InboundEventOf<K>) => R };

/** A webhook request as the endpoint hands it to a parser: the body already JSON-parsed. */
export interface InboundRequest {
  readonly body: unknown;
  /** The `content-type` header as received (parameters such as `charset` allowed), if any. */
  readonly contentType?: string;
}

/**
 * Every event of the body, in body order; or, for a malformed body, what is wrong with it (the endpoint
 * answers 400 and Event Grid dead-letters the delivery). `FieldError.path` names the place in the body as
 * sent (`[0].data.From`); messages never quote a value.
 */
export type InboundParseResult = Result<readonly InboundEvent[], FieldError>;

/** Turns one provider's webhook payloads into {@link InboundEvent}s. Pure: it never throws and does no I/O. */
export interface InboundEventParser {
  readonly provider: InboundProvider;
  parse(request: InboundRequest): InboundParseResult;
}
