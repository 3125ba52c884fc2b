import type { ConversationWindows } from '../../src/ports/conversation-windows';
import { DEFLECTION_STATUS_RANK, type DeflectionStatus, type DeflectionStore, type StoredDeflection } from '../../src/ports/deflection-store';
import type { StoredTicket, TicketMessage, TicketStore } from '../../src/ports/ticket-store';

/** In-memory {@link ConversationWindows}. */
export class FakeConversationWindows implements ConversationWindows {
  readonly last = new Map<string, string>();
  async lastInboundAt(customer: string): Promise<string | undefined> {
    return this.last.get(customer);
  }
  async recordInbound(customer: string, at: string): Promise<void> {
    const current = this.last.get(customer);
    if (current === undefined || current < at) this.last.set(customer, at);
  }
}

/** In-memory {@link TicketStore}. */
export class FakeTicketStore implements TicketStore {
  readonly tickets = new Map<string, StoredTicket>();
  readonly openByCustomer = new Map<string, string>();
  readonly messageRows = new Map<string, TicketMessage>();
  async open(ticket: StoredTicket): Promise<StoredTicket> {
    const existing = this.tickets.get(ticket.ticketId);
    if (existing) return existing;
    this.tickets.set(ticket.ticketId, ticket);
    this.openByCustomer.set(ticket.customer, ticket.ticketId);
    return ticket;
  }
  async get(ticketId: string): Promise<StoredTicket | undefined> {
    return this.tickets.get(ticketId);
  }
  async openFor(customer: string): Promise<StoredTicket | undefined> {
    const ticket = this.tickets.get(this.openByCustomer.get(customer) ?? '');
    return ticket?.status === 'open' ? ticket : undefined;
  }
  async addMessage(message: TicketMessage): Promise<boolean> {
    const key = `${message.ticketId}|${message.messageId}`;
    if (this.messageRows.has(key)) return false;
    this.messageRows.set(key, message);
    return true;
  }
  async messages(ticketId: string): Promise<TicketMessage[]> {
    return [...this.messageRows.values()].filter((m) => m.ticketId === ticketId).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }
  async close(ticketId: string): Promise<boolean> {
    const ticket = this.tickets.get(ticketId);
    if (ticket?.status !== 'open') return false;
    this.tickets.set(ticketId, { ...ticket, status: 'closed' });
    return true;
  }
}

/** In-memory {@link DeflectionStore}. */
export class FakeDeflectionStore implements DeflectionStore {
  readonly rows = new Map<string, StoredDeflection>();
  async create(deflection: StoredDeflection): Promise<{ created: boolean; deflection: StoredDeflection }> {
    const existing = this.rows.get(deflection.deflectionId);
    if (existing) return { created: false, deflection: existing };
    this.rows.set(deflection.deflectionId, deflection);
    return { created: true, deflection };
  }
  async get(deflectionId: string): Promise<StoredDeflection | undefined> {
    return this.rows.get(deflectionId);
  }
  async advance(deflectionId: string, status: DeflectionStatus, fields: { reason?: string; messageId?: string }, at: string): Promise<StoredDeflection | undefined> {
    const current = this.rows.get(deflectionId);
    if (!current) return undefined;
    const further = DEFLECTION_STATUS_RANK[status] > DEFLECTION_STATUS_RANK[current.status];
    const next = { ...current, ...(further ? { status, reason: fields.reason ?? current.reason } : {}), messageId: current.messageId ?? fields.messageId ?? null, updatedAt: at };
    this.rows.set(deflectionId, next);
    return next;
  }
  async listAccepted(page: { createdSince: string; createdBefore: string; after?: string; size: number }): Promise<{ ids: string[]; next?: string }> {
    const ids = [...this.rows.values()]
      .filter((d) => d.status === 'accepted' && d.createdAt >= page.createdSince && d.createdAt < page.createdBefore && (page.after === undefined || d.deflectionId > page.after))
      .map((d) => d.deflectionId).sort();
    if (ids.length <= page.size) return { ids };
    const kept = ids.slice(0, page.size);
    return { ids: kept, next: kept[kept.length - 1] as string };
  }
}
