import { z } from 'zod';
import type { FieldText, FieldTexts, Visibility } from './field-texts';
import type { Json, SchemaObject } from './to-swagger-schema';

/** A short label per property; the description comes from the zod schema's `.describe` text. */
export type Summaries = Readonly<Record<string, string | { readonly summary: string; readonly visibility?: Visibility }>>;

const isObject = (value: Json | undefined): value is SchemaObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Field texts for a schema whose descriptions live in the domain (`.describe` on each field): the
 * labels are the connector's, the sentences the domain's, so neither is written twice. A field
 * without a label or a `.describe` text, or a label for no field, is an error.
 */
export function describedTexts(schema: z.ZodType, summaries: Summaries, where: string): FieldTexts {
  const json = z.toJSONSchema(schema, { io: 'output', target: 'openapi-3.0', unrepresentable: 'any' }) as SchemaObject;
  const properties = isObject(json.properties) ? json.properties : {};
  for (const name of Object.keys(summaries)) if (!(name in properties)) throw new Error(`${where}.${name}: labelled but not in the schema`);
  return Object.fromEntries(Object.entries(properties).map(([name, property]): [string, FieldText] => {
    const label = summaries[name];
    const description = isObject(property) ? property.description : undefined;
    if (label === undefined) throw new Error(`${where}.${name}: no label in tools/connector/texts-events.ts`);
    if (typeof description !== 'string') throw new Error(`${where}.${name}: no .describe() text in its zod schema`);
    const { summary, visibility } = typeof label === 'string' ? { summary: label, visibility: undefined } : label;
    return [name, { summary, description, ...(visibility ? { visibility } : {}) }];
  }));
}

/** Labels of the data of each event family (src/domain/events/domain-event.ts EVENT_DATA_SCHEMAS). */
export const EVENT_DATA_SUMMARIES = {
  meeting: {
    meetingId: 'Meeting ID', contactId: 'Contact ID', version: 'Meeting version', status: 'Meeting status',
    attendance: 'Attendance', cancelledBy: 'Cancelled by', promptId: 'Prompt ID', occurredAt: 'Occurred at',
  },
  communication: {
    meetingId: 'Meeting ID', contactId: 'Contact ID', version: 'Meeting version', sendKey: 'Message key', type: 'Message type',
    channel: 'Channel', status: 'Message status', reason: 'Failure reason', permanent: 'Failure is permanent', occurredAt: 'Occurred at',
  },
  reply: { replyId: 'Reply ID', meetingId: 'Meeting ID', contactId: 'Contact ID', promptId: 'Prompt ID', channel: 'Channel', occurredAt: 'Occurred at' },
  contact: { contactId: 'Contact ID', meetingId: 'Meeting ID', channel: 'Channel', source: 'Source', occurredAt: 'Occurred at' },
  ticket: { ticketId: 'Ticket ID', deflectionId: 'Deflection ID', teamId: 'Team ID', status: 'Ticket status', messageId: 'Message ID', channel: 'Channel', occurredAt: 'Occurred at' },
  call: {
    callId: 'Call ID', sendKey: 'Message key', meetingId: 'Meeting ID', contactId: 'Contact ID', version: 'Meeting version', type: 'Message type',
    attempt: 'Attempt', outcome: 'Call outcome', reason: 'Failure reason', occurredAt: 'Occurred at',
  },
} as const satisfies Record<string, Summaries>;

/** Texts of the CloudEvents 1.0 envelope every delivery has (API.md "Webhooks for flows"). */
export const envelopeTexts = (data: FieldTexts): FieldTexts => ({
  specversion: { summary: 'CloudEvents version', description: 'Always 1.0.', visibility: 'advanced' },
  id: { summary: 'Event ID', description: 'The event\'s ID: the same on every retry of its delivery, so a flow can ignore a repeat.' },
  source: { summary: 'Source', description: 'The Meeting Communications service that sent it.', visibility: 'advanced' },
  type: { summary: 'Event', description: 'What happened, e.g. meeting.confirmed or communication.failed.' },
  subject: { summary: 'Subject', description: 'What it is about, e.g. meetings/A-1001.' },
  time: { summary: 'Event time', description: 'When the event was published (ISO 8601, UTC).' },
  datacontenttype: { summary: 'Data content type', description: 'Always application/json.', visibility: 'advanced' },
  data: { summary: 'Data', description: 'The IDs and states of the event (never a phone number, an address or a message\'s text).', fields: data },
});

/** Labels of POST /subscriptions' body (the trigger bodies add their own: see triggers.ts). */
export const SUBSCRIPTION_REQUEST_SUMMARIES: Summaries = {
  notificationUrl: { summary: 'Notification URL', visibility: 'internal' }, events: 'Events', description: 'Description',
};

/** Labels of a subscription as listed and as created. */
export const SUBSCRIPTION_VIEW_SUMMARIES: Summaries = {
  id: 'Subscription ID', notificationUrl: 'Notification URL', events: 'Events', description: 'Description', createdAt: 'Created at',
};
export const CREATED_SUBSCRIPTION_SUMMARIES: Summaries = { ...SUBSCRIPTION_VIEW_SUMMARIES, secret: 'Signing secret' };
/** A listed subscription adds how its deliveries went. */
export const SUBSCRIPTION_LIST_SUMMARIES: Summaries = { ...SUBSCRIPTION_VIEW_SUMMARIES, lastDelivery: 'Last delivery', failuresLast24h: 'Failures in the last 24 hours' };
