import { z } from 'zod';
import { DOMAIN_EVENT_TYPES, EVENT_DATA_SCHEMAS, familyOf, type DomainEventFamily, type DomainEventType } from '../../src/domain/events/domain-event';
import { oneOf } from './texts-common';

/**
 * One Power Automate trigger per event family (src/domain/events): a webhook trigger whose
 * subscription is POST /subscriptions with that family's events. Power Automate creates the
 * subscription when a flow with the trigger is saved or switched on, and deletes it through the
 * answer's Location header when the flow is switched off or deleted.
 */
export interface Trigger {
  readonly family: DomainEventFamily;
  readonly operationId: string;
  /** What makers pick from the trigger list: "When …". */
  readonly summary: string;
  readonly description: string;
  /** `x-ms-trigger-hint`: how to see it fire. */
  readonly hint: string;
  /** The flow's output name for the notification, in the designer's dynamic content. */
  readonly notification: string;
  /** One line per event name, for the "Which events" help text and the README. */
  readonly events: Readonly<Record<string, string>>;
}

export const TRIGGERS: readonly Trigger[] = [
  {
    family: 'meeting', operationId: 'OnMeetingEvent',
    summary: 'When a meeting changes',
    description: 'Starts the flow when a meeting is scheduled, updated or cancelled, and when the customer answers a reminder: confirms, or asks for a new time.',
    hint: 'To see it work, schedule a meeting, or reply YES to a reminder SMS.',
    notification: 'Meeting event',
    events: {
      'meeting.scheduled': 'a meeting was scheduled',
      'meeting.updated': 'its time, place or link changed',
      'meeting.cancelled': 'it was cancelled (cancelledBy says by whom)',
      'meeting.confirmed': 'the customer confirmed they will come',
      'meeting.rescheduleRequested': 'the customer asked for a new time',
    },
  },
  {
    family: 'communication', operationId: 'OnCommunicationEvent',
    summary: 'When a message is sent, delivered or could not be delivered',
    description: 'Starts the flow when a confirmation, reminder, cancellation notice or answer is sent to a customer, when the provider reports it delivered, and when it could not be sent or delivered.',
    hint: 'To see it work, schedule a meeting with confirmations on.',
    notification: 'Message event',
    events: {
      'communication.sent': 'the provider accepted the message',
      'communication.delivered': 'the provider reports it delivered',
      'communication.failed': 'it could not be sent or delivered (reason says why)',
    },
  },
  {
    family: 'reply', operationId: 'OnReplyEvent',
    summary: 'When a reply is not understood, times out or was not expected',
    description: 'Starts the flow when a customer\'s SMS answer to a reminder is not understood, when a reminder gets no answer in time, and when a customer writes without being asked: cases for staff to follow up.',
    hint: 'To see it work, answer a reminder SMS with a word it does not understand, twice.',
    notification: 'Reply event',
    events: {
      'reply.noMatch': 'the answer was not understood, even after the help message',
      'reply.timeout': 'no answer came in time',
      'reply.unsolicited': 'a message came with no question open (kept for staff)',
    },
  },
  {
    family: 'contact', operationId: 'OnContactEvent',
    summary: 'When a customer opts out or back in',
    description: 'Starts the flow when a customer replies STOP (no more SMS of any kind) or START (SMS again), or an admin records an opt-out for them.',
    hint: 'To see it work, reply STOP to an SMS.',
    notification: 'Contact event',
    events: {
      'contact.optedOut': 'no more SMS to the customer\'s number',
      'contact.optedIn': 'the customer replied START: SMS again',
    },
  },
  {
    family: 'ticket', operationId: 'OnTicketEvent',
    summary: 'When a deflected caller\'s ticket opens or gets a message',
    description: 'Starts the flow when an IVR deflects a caller to WhatsApp (a ticket opens with the IVR\'s metadata and team) and when the customer writes on WhatsApp while it is open: create the Dataverse case or route it to an agent.',
    hint: 'To see it work, POST /api/deflections, then answer the WhatsApp message.',
    notification: 'Ticket event',
    events: {
      'ticket.created': 'a deflection opened a ticket (GET /api/tickets/{ticketId} has its metadata)',
      'ticket.message': 'the customer wrote on WhatsApp while the ticket is open',
    },
  },
  {
    family: 'call', operationId: 'OnCallEvent',
    summary: 'When a reminder call ends',
    description: 'Starts the flow when a voice call ends: answered (confirmed or cancelled by keypad, connected to the office, no key pressed) or not (no answer, busy, failed).',
    hint: 'To see it work, switch voice reminders on and answer a call on the devhost (/dev/calls).',
    notification: 'Call event',
    events: {
      'call.completed': 'the call was answered; outcome says what the customer did',
      'call.failed': 'the call was not answered (after its retry), failed, or no callback came',
    },
  },
];

/** A family's event names, in DOMAIN_EVENT_TYPES' order. */
export function eventsOf(family: DomainEventFamily): [DomainEventType, ...DomainEventType[]] {
  const events = DOMAIN_EVENT_TYPES.filter((type) => familyOf(type) === family);
  if (events.length === 0) throw new Error(`No events in family ${family}`);
  return events as [DomainEventType, ...DomainEventType[]];
}

/**
 * The swagger path of a trigger. Swagger 2.0 allows one POST per path, and each trigger needs its
 * own (and its own notification schema), so each adds a query the service ignores: the request is
 * still POST /api/subscriptions.
 */
export const triggerPath = (trigger: Trigger): string => `/subscriptions?trigger=${trigger.family}`;

/** The swagger definition of a family's notification (`MeetingEvent`…). */
export const eventDefinitionName = (family: DomainEventFamily): string => `${family[0]?.toUpperCase() ?? ''}${family.slice(1)}Event`;

/** The help text of a trigger's "Which events" field. */
export const eventsText = (trigger: Trigger): string =>
  `Pick the events to start the flow; all of them when left as it is. ${Object.entries(trigger.events).map(([name, text]) => `${name}: ${text}`).join('; ')}.`;

/** The CloudEvents 1.0 body a subscriber of one family receives (src/domain/events `cloudEvent`). */
function cloudEventSchema<F extends DomainEventFamily>(family: F) {
  return z.object({
    specversion: z.literal('1.0'),
    id: z.string(),
    source: z.string(),
    type: z.enum(eventsOf(family)),
    subject: z.string(),
    time: z.iso.datetime(),
    datacontenttype: z.literal('application/json'),
    data: EVENT_DATA_SCHEMAS[family],
  });
}

export const CLOUD_EVENT_SCHEMAS = {
  meeting: cloudEventSchema('meeting'),
  communication: cloudEventSchema('communication'),
  reply: cloudEventSchema('reply'),
  contact: cloudEventSchema('contact'),
  ticket: cloudEventSchema('ticket'),
  call: cloudEventSchema('call'),
} as const;

/** The families as a sentence (`meeting, communication, reply or contact`). */
export const FAMILIES_TEXT = oneOf(TRIGGERS.map((t) => t.family));
