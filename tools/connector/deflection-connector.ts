import { z } from 'zod';
import type { Definition } from './definitions';
import type { FieldTexts } from './field-texts';
import type { Operation } from './route-catalogue';

/**
 * The connector's view of IVR deflections (API.md "IVR deflection to WhatsApp"): flows read a ticket
 * (GetTicket) when `ticket.created` / `ticket.message` fires, and a deflection's state. Creating a
 * deflection is the IVR's call (Adereso's body), not a flow's: see NOT_CONNECTOR_ROUTES.
 */
const stringMap = z.record(z.string(), z.string());

/** 200 of GetTicket (src/app/deflections/deflection-views.ts `ticketView`). */
export const ticketSchema = z.object({
  ticketId: z.string(), deflectionId: z.string(), status: z.enum(['open', 'closed']), teamId: z.string().nullable(),
  customer: z.object({ phone: z.string() }), businessPhone: z.string(),
  metadata: z.object({ user: stringMap, ticket: stringMap }), createdAt: z.string(),
  messages: z.array(z.object({ messageId: z.string(), receivedAt: z.string(), channel: z.literal('whatsapp'), text: z.string(), buttonPayload: z.string().nullable() })),
});

/** 200 of GetDeflection (`deflectionView`). */
export const deflectionSchema = z.object({
  deflectionId: z.string(), ticketId: z.string(),
  status: z.enum(['accepted', 'sent', 'delivered', 'replied', 'failed', 'fellBack']),
  reason: z.string().nullable(), messageId: z.string().nullable(), teamId: z.string().nullable(),
  template: z.object({ name: z.string(), language: z.string() }), fallback: z.enum(['sms', 'none']),
  window: z.object({ openUntil: z.string().nullable() }), createdAt: z.string(), updatedAt: z.string(),
});

const TICKET_FIELDS: FieldTexts = {
  ticketId: { summary: 'Ticket ID', description: 'The ticket.' },
  deflectionId: { summary: 'Deflection ID', description: 'The IVR deflection that opened it.' },
  status: { summary: 'Ticket status', description: 'open (it gathers the customer\'s WhatsApp messages) or closed.' },
  teamId: { summary: 'Team ID', description: 'The team the IVR named (team_id); empty when none.' },
  customer: { summary: 'Customer', description: 'The caller.', fields: { phone: { summary: 'Customer number', description: 'The caller\'s number, in E.164.' } } },
  businessPhone: { summary: 'Business number', description: 'Our WhatsApp business number the IVR named.' },
  metadata: {
    summary: 'IVR metadata', description: 'What the IVR or CRM sent along, as text.',
    fields: {
      user: { summary: 'Customer profile', description: 'metadata.user: for the customer\'s profile.' },
      ticket: { summary: 'Case data', description: 'metadata.ticket: for the case (typology, IVR path…).' },
    },
  },
  createdAt: { summary: 'Created at', description: 'When the deflection opened it (UTC).' },
  messages: {
    summary: 'Messages', description: 'The customer\'s WhatsApp messages since, oldest first.',
    fields: {
      messageId: { summary: 'Message ID', description: 'Its ID in the ticket (ticket.message names it).' },
      receivedAt: { summary: 'Received at', description: 'When it arrived (UTC).' },
      channel: { summary: 'Channel', description: 'whatsapp.' },
      text: { summary: 'Text', description: 'What the customer wrote (a button\'s text for a press).' },
      buttonPayload: { summary: 'Button', description: 'The payload of the button pressed; empty for a text.' },
    },
  },
};

const DEFLECTION_FIELDS: FieldTexts = {
  deflectionId: { summary: 'Deflection ID', description: 'The deflection (the IVR\'s deflectionId or Idempotency-Key).' },
  ticketId: { summary: 'Ticket ID', description: 'Its ticket: Get a ticket.' },
  status: { summary: 'Deflection status', description: 'accepted, sent, delivered, replied (the customer wrote), failed, or fellBack (the SMS went instead).' },
  reason: { summary: 'Reason', description: 'Why it failed or fell back (codes only).' },
  messageId: { summary: 'Message ID', description: 'The provider\'s ID of the message sent.' },
  teamId: { summary: 'Team ID', description: 'The team the IVR named.' },
  template: {
    summary: 'Template', description: 'The approved WhatsApp template sent.',
    fields: { name: { summary: 'Template name', description: 'As approved by Meta.' }, language: { summary: 'Template language', description: 'Meta\'s code.' } },
  },
  fallback: { summary: 'Fallback', description: 'sms: an SMS goes when WhatsApp cannot reach the number; none.' },
  window: {
    summary: 'WhatsApp window', description: 'WhatsApp\'s 24-hour window for free text.',
    fields: { openUntil: { summary: 'Open until', description: '24 hours after the customer\'s last message (UTC); empty before any.' } },
  },
  createdAt: { summary: 'Created at', description: 'When the IVR asked (UTC).' },
  updatedAt: { summary: 'Updated at', description: 'When its status last moved (UTC).' },
};

export const DEFLECTION_DEFINITIONS: Readonly<Record<string, Definition>> = {
  Ticket: { schema: ticketSchema, io: 'output', texts: TICKET_FIELDS, title: 'Ticket', description: 'A deflected caller\'s ticket: the IVR\'s metadata and team, and the customer\'s WhatsApp messages.' },
  Deflection: { schema: deflectionSchema, io: 'output', texts: DEFLECTION_FIELDS, title: 'Deflection', description: 'Where an IVR deflection to WhatsApp stands.' },
};

const problem = (description: string) => ({ description, definition: 'Problem' });

export const DEFLECTION_OPERATIONS: readonly Operation[] = [
  {
    operationId: 'GetTicket', method: 'get', path: '/tickets/{ticketId}', tag: 'Tickets', visibility: 'important',
    summary: 'Get a ticket',
    description: 'Returns a deflected caller\'s ticket: the IVR\'s metadata and team, its status, and every WhatsApp message the customer wrote since. Use it when a ticket event fires, to create the case or route it to an agent.',
    parameters: ['ticketId'],
    responses: { 200: { description: 'The ticket.', definition: 'Ticket' }, 401: problem('No valid API key or token.'), 403: problem('The token lacks the role this operation needs.'), 404: problem('No such ticket.') },
  },
  {
    operationId: 'CloseTicket', method: 'post', path: '/tickets/{ticketId}/close', tag: 'Tickets', visibility: 'advanced',
    summary: 'Close a ticket',
    description: 'Closes a deflected caller\'s ticket when the case is handled: the customer\'s later WhatsApp messages no longer go to it. Closing it again is harmless.',
    parameters: ['ticketId'],
    responses: { 200: { description: 'The ticket, closed.', definition: 'Ticket' }, 401: problem('No valid API key or token.'), 403: problem('The token lacks the role this operation needs.'), 404: problem('No such ticket.') },
  },
  {
    operationId: 'GetDeflection', method: 'get', path: '/deflections/{deflectionId}', tag: 'Tickets', visibility: 'advanced',
    summary: 'Get a deflection',
    description: 'Where an IVR deflection to WhatsApp stands: sent, delivered, replied, failed or fell back to SMS, and its ticket.',
    parameters: ['deflectionId'],
    responses: { 200: { description: 'The deflection.', definition: 'Deflection' }, 401: problem('No valid API key or token.'), 403: problem('The token lacks the role this operation needs.'), 404: problem('No such deflection.') },
  },
];
