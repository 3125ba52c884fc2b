import type { TableClient } from '@azure/data-tables';
import type { InboundProvider } from '../../ports/inbound';
import type { ProcessedEvents } from '../../ports/processed-events';
import { hashedKey } from './hashed-key';
import { INBOUND_EVENTS_TABLE, isStatus, lazyTable } from './table-client';

/**
 * {@link ProcessedEvents} over Table storage: table `InboundEvents`, PartitionKey = provider, RowKey =
 * SHA-256 of the event ID (IDs come from outside and may hold characters Table keys forbid).
 */
export class TableProcessedEvents implements ProcessedEvents {
  private readonly table: () => Promise<TableClient>;

  constructor(connectionString: string) {
    this.table = lazyTable(connectionString, INBOUND_EVENTS_TABLE);
  }

  async seen(provider: InboundProvider, eventId: string): Promise<boolean> {
    const table = await this.table();
    try {
      await table.getEntity(provider, hashedKey(eventId));
      return true;
    } catch (err) {
      if (isStatus(err, 404)) return false;
      throw err;
    }
  }

  async record(provider: InboundProvider, eventId: string, now: Date): Promise<void> {
    const table = await this.table();
    await table.upsertEntity({ partitionKey: provider, rowKey: hashedKey(eventId), eventId, processedAt: now.toISOString() }, 'Replace');
  }
}
