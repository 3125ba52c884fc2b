import type { ConversationWindows } from '../../ports/conversation-windows';
import type { DeflectionStore } from '../../ports/deflection-store';
import type { TicketStore } from '../../ports/ticket-store';

/** The WhatsApp and deflection stores, part of {@link AppDeps}. */
export interface WhatsAppDeps {
  /** Each customer's last WhatsApp message: whether free text may go (the 24-hour window). */
  readonly conversations: ConversationWindows;
  /** Tickets opened by IVR deflections, with the customer's later WhatsApp messages. */
  readonly tickets: TicketStore;
  /** IVR deflection requests and where each stands. */
  readonly deflections: DeflectionStore;
}
