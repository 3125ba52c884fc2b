import type { InboundProvider } from '../../src/ports/inbound';
import type { ProcessedEvents } from '../../src/ports/processed-events';

/** In-memory {@link ProcessedEvents}; `failRecord` makes the next record throw, as storage might. */
export class FakeProcessedEvents implements ProcessedEvents {
  readonly ids = new Set<string>();
  failRecord: Error | undefined;

  async seen(provider: InboundProvider, eventId: string): Promise<boolean> {
    return this.ids.has(`${provider}:${eventId}`);
  }

  async record(provider: InboundProvider, eventId: string): Promise<void> {
    if (this.failRecord) throw this.failRecord;
    this.ids.add(`${provider}:${eventId}`);
  }
}
