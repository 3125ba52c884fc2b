/**
 * A support ticket opened by an IVR deflection (API.md "IVR deflection to WhatsApp"): the IVR's
 * metadata and team, and every WhatsApp message the customer writes while it is open. Holds
 * personal data (the number, the texts): read by admins only, never logged, never in events.
 */
export interface StoredTicket {
  readonly ticketId: string;
  readonly deflectionId: string;
  /** The customer's number (E.164). */
  readonly customer: string;
  /** Our WhatsApp business number the IVR named. */
  readonly businessPhone: string;
  readonly teamId: string | null;
  readonly status: 'open' | 'closed';
  /** `metadata.user` (the customer profile) and `metadata.ticket` (the case) as the IVR sent them. */
  readonly metadata: { readonly user: Readonly<Record<string, string>>; readonly ticket: Readonly<Record<string, string>> };
  readonly createdAt: string;
}

/** One customer message a ticket gathered. */
export interface TicketMessage {
  /** The provider's event ID of the inbound message: its ID in the ticket (once per event). */
  readonly messageId: string;
  readonly ticketId: string;
  readonly receivedAt: string;
  readonly channel: 'whatsapp';
  readonly text: string;
  /** The quick-reply payload, when the customer pressed a button. */
  readonly buttonPayload: string | null;
}

export interface TicketStore {
  /** Stores a new ticket and makes it the customer's open one; one with the same ID already there is kept as it is and returned. */
  open(ticket: StoredTicket): Promise<StoredTicket>;
  get(ticketId: string): Promise<StoredTicket | undefined>;
  /** The customer's newest ticket still open, if any. */
  openFor(customer: string): Promise<StoredTicket | undefined>;
  /** Adds a message (once per `messageId`); false when it was there already. */
  addMessage(message: TicketMessage): Promise<boolean>;
  /** A ticket's messages, oldest first. */
  messages(ticketId: string): Promise<TicketMessage[]>;
  /** Closes a ticket; false when it was closed already (or is unknown). */
  close(ticketId: string, at: string): Promise<boolean>;
}
