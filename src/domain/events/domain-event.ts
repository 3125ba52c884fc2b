import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { CALL_OUTCOMES } from '../voice/call-machine';

/**
 * What happens to meetings, messages, replies and contacts, as use cases publish it once each
 * (DESIGN.md "Listening"): webhook subscriptions (Power Automate triggers) are one consumer. Events
 * carry IDs and states only — never a phone number, an address or a message's text — so a flow can
 * look the rest up where the institution keeps it.
 */
export const DOMAIN_EVENT_TYPES = [
  'meeting.scheduled',
  'meeting.updated',
  'meeting.cancelled',
  'meeting.confirmed',
  'meeting.rescheduleRequested',
  'communication.sent',
  'communication.delivered',
  'communication.failed',
  'reply.noMatch',
  'reply.timeout',
  'reply.unsolicited',
  'contact.optedOut',
  'contact.optedIn',
  'ticket.created',
  'ticket.message',
  'call.completed',
  'call.failed',
] as const;

export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];
export const domainEventTypeSchema = z.enum(DOMAIN_EVENT_TYPES);

/** The families a maker picks a trigger from: one connector trigger each, one data shape each. */
export type DomainEventFamily = 'meeting' | 'communication' | 'reply' | 'contact' | 'ticket' | 'call';
export const familyOf = (type: DomainEventType): DomainEventFamily => type.slice(0, type.indexOf('.')) as DomainEventFamily;

const id = z.string().min(1).max(200);
const occurredAt = z.iso.datetime({ offset: true }).describe('When it happened (ISO 8601, UTC).');

/** The data of each family, strict, described for the connector's trigger schemas (generated from these). */
export const EVENT_DATA_SCHEMAS = {
  meeting: z.strictObject({
    meetingId: id.describe('The meeting ID given when it was scheduled.'),
    contactId: id.describe('The contact the meeting is with.'),
    version: z.number().int().min(1).describe('The meeting version the event is about.'),
    status: z.enum(['scheduled', 'cancelled', 'completed']).describe('The meeting status after the event.'),
    attendance: z.enum(['unknown', 'confirmed', 'declined', 'rescheduleRequested']).describe("The customer's answer so far."),
    cancelledBy: z.enum(['portal', 'link', 'sms', 'whatsapp', 'voice', 'api', 'external']).optional().describe('Who cancelled (meeting.cancelled).'),
    promptId: id.optional().describe('The prompt the customer answered (meeting.confirmed, meeting.rescheduleRequested, meeting.cancelled by SMS).'),
    occurredAt,
  }),
  communication: z.strictObject({
    meetingId: id.optional().describe('The meeting the message is about (absent for test sends).'),
    contactId: id.optional().describe('The contact it was sent to.'),
    version: z.number().int().min(1).optional().describe('The meeting version it was sent for.'),
    sendKey: id.describe('The message: the same key in every event about it.'),
    type: z.string().min(1).max(40).describe('What it was: confirmation, reminder, cancellation, replyConfirmed, test, …'),
    channel: z.string().min(1).max(20).describe('email, sms, …'),
    status: z.enum(['sent', 'delivered', 'failed']).describe('What became of it.'),
    reason: z.string().max(300).optional().describe('Why it failed (communication.failed).'),
    permanent: z.boolean().optional().describe('True when sending it again cannot succeed (a landline, a blocked number).'),
    occurredAt,
  }),
  reply: z.strictObject({
    replyId: id.describe('The reply: the provider event ID of the inbound message (absent for a timeout).').optional(),
    meetingId: id.optional().describe('The meeting the prompt asked about.'),
    contactId: id.optional().describe('The contact the prompt was sent to.'),
    promptId: id.optional().describe('The prompt that ended (reply.noMatch, reply.timeout).'),
    channel: z.string().min(1).max(20).describe('sms, whatsapp, …'),
    occurredAt,
  }),
  contact: z.strictObject({
    contactId: id.optional().describe('The contact of the newest meeting we messaged at that number, when there is one.'),
    meetingId: id.optional().describe('That meeting.'),
    channel: z.string().min(1).max(20).describe('The channel opted out of or back in to (sms).'),
    source: z.enum(['reply', 'admin']).describe("The customer's own reply, or an admin recording what the customer asked for."),
    occurredAt,
  }),
  ticket: z.strictObject({
    ticketId: id.describe('The ticket: GET /api/tickets/{ticketId} has its metadata and messages.'),
    deflectionId: id.describe('The deflection that opened it (GET /api/deflections/{deflectionId}).'),
    teamId: id.optional().describe('The team the IVR named (team_id), when it named one.'),
    status: z.enum(['open', 'closed']).describe('The ticket status after the event.'),
    messageId: id.optional().describe("The customer's message the ticket gathered (ticket.message): its ID in the ticket."),
    channel: z.string().min(1).max(20).describe('whatsapp (the channel the customer wrote on).'),
    occurredAt,
  }),
  call: z.strictObject({
    callId: id.describe('The call: the same ID in every event about it.'),
    sendKey: id.describe('The voice message the call delivered (as in communication.* events).'),
    meetingId: id.optional().describe('The meeting the call was about (absent for test calls).'),
    contactId: id.optional().describe('The contact called.'),
    version: z.number().int().min(1).optional().describe('The meeting version it called about.'),
    type: z.string().min(1).max(40).describe('confirmation, reminder, cancellation or test.'),
    attempt: z.number().int().min(1).max(10).describe('1 for the first dial; 2 for a retry after busy or no answer.'),
    outcome: z.enum(CALL_OUTCOMES).describe('confirmed, cancelled, connected (transferred to the office), ended, noInput (a voicemail got the message), hungUp; or noAnswer, busy, declined, failed, unknown (no callback came: never dialled again).'),
    reason: z.string().max(300).optional().describe('The provider result codes when it failed (call.failed).'),
    occurredAt,
  }),
} as const satisfies Record<DomainEventFamily, z.ZodType>;

export type DomainEventData<F extends DomainEventFamily = DomainEventFamily> = z.infer<(typeof EVENT_DATA_SCHEMAS)[F]>;

type TypeOf<F extends DomainEventFamily> = Extract<DomainEventType, `${F}.${string}`>;

/** What a use case publishes: the event's ID is derived from its cause, so publishing again is harmless. */
export type DomainEventDraft = {
  [F in DomainEventFamily]: {
    readonly type: TypeOf<F>;
    /** What caused it, unique per event type (a send key, a reply's event ID, a meeting version): the ID's seed. */
    readonly cause: string;
    /** `meetings/A-1001` and the like (see subjectOf). */
    readonly subject: string;
    readonly data: DomainEventData<F>;
  };
}[DomainEventFamily];

/** An event as stored and delivered. */
export type DomainEvent = DomainEventDraft & { readonly id: string; readonly time: string };

const EVENT_NAMESPACE = '5b8f5a3e-8a51-4d9e-9f0c-2f9b8f3c6a11';

/** The event's ID: a UUID v5 of its type and cause, the same every time the cause is published. */
export function domainEventId(type: DomainEventType, cause: string): string {
  return uuidv5(`${type}|${cause}`, EVENT_NAMESPACE);
}

/** Stamps a draft with its ID and publication time. */
export function domainEvent(draft: DomainEventDraft, now: Date): DomainEvent {
  return { ...draft, id: domainEventId(draft.type, draft.cause), time: now.toISOString() } as DomainEvent;
}

/** `meetings/{id}`, `tests/{id}`, `replies/{id}`…: the CloudEvents subject. */
export function subjectOf(kind: 'meeting' | 'test' | 'callback' | 'deflection' | 'reply' | 'contact' | 'ticket', idValue: string): string {
  const plural = kind === 'reply' ? 'replies' : `${kind}s`;
  return `${plural}/${encodeURIComponent(idValue)}`;
}

/** Validates an event's data against its family's schema (stored rows and tests use it). */
export function parseEventData(type: DomainEventType, data: unknown): DomainEventData | undefined {
  const parsed = EVENT_DATA_SCHEMAS[familyOf(type)].safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/** The CloudEvents 1.0 envelope a subscriber receives (API.md "Webhooks for flows"). */
export interface CloudEventEnvelope {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: string;
  readonly type: DomainEventType;
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly data: DomainEventData;
}

export function cloudEvent(event: DomainEvent, source: string): CloudEventEnvelope {
  return { specversion: '1.0', id: event.id, source, type: event.type, subject: event.subject, time: event.time, datacontenttype: 'application/json', data: event.data };
}
