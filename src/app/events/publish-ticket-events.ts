import { subjectOf } from '../../domain/events/domain-event';
import type { MeetingWorkflow } from '../../ports/meeting-workflow';
import type { StoredTicket } from '../../ports/ticket-store';
import type { PublishDeps } from './publish-events';

/**
 * `ticket.created` / `ticket.message` (API.md "IVR deflection to WhatsApp"): IDs and states only —
 * never the customer's number, the IVR's metadata or the message text, which a flow reads from
 * GET /api/tickets/{ticketId}. The cause (the ticket ID, the message's event ID) makes a repeat the
 * same event.
 */
export async function publishTicketEvent(
  deps: PublishDeps,
  workflow: MeetingWorkflow | undefined,
  type: 'ticket.created' | 'ticket.message',
  ticket: StoredTicket,
  options: { readonly cause: string; readonly messageId?: string; readonly at: string },
): Promise<void> {
  await deps.events.publish({
    type,
    cause: options.cause,
    subject: subjectOf('ticket', ticket.ticketId),
    data: {
      ticketId: ticket.ticketId,
      deflectionId: ticket.deflectionId,
      ...(ticket.teamId === null ? {} : { teamId: ticket.teamId }),
      status: ticket.status,
      ...(options.messageId === undefined ? {} : { messageId: options.messageId }),
      channel: 'whatsapp',
      occurredAt: new Date(options.at).toISOString(),
    },
  }, workflow);
}
