import { WHATSAPP_WINDOW_MS } from '../../channels/whatsapp/whatsapp-sender';
import type { DeflectionStatus } from '../../ports/deflection-store';
import type { AppDeps } from '../deps';

export interface DeflectionView {
  readonly deflectionId: string;
  readonly ticketId: string;
  readonly status: DeflectionStatus;
  readonly reason: string | null;
  readonly messageId: string | null;
  readonly teamId: string | null;
  readonly template: { readonly name: string; readonly language: string };
  readonly fallback: 'sms' | 'none';
  /** Until when free text may be sent to the customer (24 h after their last message), or null. */
  readonly window: { readonly openUntil: string | null };
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** GET /api/deflections/{id}: where it stands (no numbers: the ticket has the customer's). */
export async function deflectionView(deps: Pick<AppDeps, 'deflections' | 'conversations'>, deflectionId: string): Promise<DeflectionView | undefined> {
  const d = await deps.deflections.get(deflectionId);
  if (!d) return undefined;
  const last = await deps.conversations.lastInboundAt(d.recipientPhone);
  return {
    deflectionId: d.deflectionId, ticketId: d.ticketId, status: d.status, reason: d.reason, messageId: d.messageId, teamId: d.teamId,
    template: { name: d.template.name, language: d.template.language }, fallback: d.fallback,
    window: { openUntil: last === undefined ? null : new Date(Date.parse(last) + WHATSAPP_WINDOW_MS).toISOString() },
    createdAt: d.createdAt, updatedAt: d.updatedAt,
  };
}

/** GET /api/tickets/{id}: what an agent needs (admin route: the customer's number and messages are shown here, never in events). */
export async function ticketView(deps: Pick<AppDeps, 'tickets'>, ticketId: string) {
  const ticket = await deps.tickets.get(ticketId);
  if (!ticket) return undefined;
  const messages = await deps.tickets.messages(ticketId);
  return {
    ticketId: ticket.ticketId, deflectionId: ticket.deflectionId, status: ticket.status, teamId: ticket.teamId,
    customer: { phone: ticket.customer }, businessPhone: ticket.businessPhone, metadata: ticket.metadata, createdAt: ticket.createdAt,
    messages: messages.map((m) => ({ messageId: m.messageId, receivedAt: m.receivedAt, channel: m.channel, text: m.text, buttonPayload: m.buttonPayload })),
  };
}
