import type { ReplyEvent } from '../../ports/inbound';
import type { MeetingWorkflow } from '../../ports/meeting-workflow';
import type { AppDeps } from '../deps';
import { publishTicketEvent } from '../events/publish-ticket-events';
import type { PublishDeps } from '../events/publish-events';

export type TicketMessageDeps = PublishDeps & Pick<AppDeps, 'tickets' | 'deflections' | 'log'>;

/**
 * Gathers a customer's WhatsApp message into their open ticket, if they have one opened before it:
 * the message is added once per event ID, `ticket.message` is published (its cause the event ID, so a
 * redelivery after a crash publishes the same event), and the deflection becomes `replied`. STOP is
 * handled before this is asked. Returns whether a ticket took it.
 */
export async function collectTicketMessage(deps: TicketMessageDeps, workflow: MeetingWorkflow, event: ReplyEvent): Promise<boolean> {
  const ticket = await deps.tickets.openFor(event.from);
  if (!ticket || Date.parse(event.at) < Date.parse(ticket.createdAt)) return false;
  const added = await deps.tickets.addMessage({
    messageId: event.eventId, ticketId: ticket.ticketId, receivedAt: event.at, channel: 'whatsapp', text: event.text, buttonPayload: event.buttonPayload ?? null,
  });
  await publishTicketEvent(deps, workflow, 'ticket.message', ticket, { cause: event.eventId, messageId: event.eventId, at: event.at });
  await deps.deflections.advance(ticket.deflectionId, 'replied', {}, event.at);
  deps.log.info(`reply ${event.eventId}: gathered by ticket ${ticket.ticketId}${added ? '' : ' (already)'}`);
  return true;
}
