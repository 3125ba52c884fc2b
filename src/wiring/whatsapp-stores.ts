import type { WhatsAppDeps } from '../app/deflections/deflection-deps';
import { TableConversationWindows } from '../adapters/tables/table-conversation-windows';
import { TableDeflectionStore } from '../adapters/tables/table-deflection-store';
import { TableTicketStore } from '../adapters/tables/table-ticket-store';

/** The WhatsApp and deflection stores over the app's storage account. */
export function whatsAppStores(storage: string): WhatsAppDeps {
  return { conversations: new TableConversationWindows(storage), tickets: new TableTicketStore(storage), deflections: new TableDeflectionStore(storage) };
}
