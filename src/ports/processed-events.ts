import type { InboundProvider } from './inbound';

/**
 * The inbound event IDs already handled. Deliveries come at least once, so the webhook asks before it
 * acts and records an ID only after the event was handled: a crash in between means the event is handled
 * again (every handler is idempotent), never that it is lost.
 */
export interface ProcessedEvents {
  seen(provider: InboundProvider, eventId: string): Promise<boolean>;
  record(provider: InboundProvider, eventId: string, now: Date): Promise<void>;
}
