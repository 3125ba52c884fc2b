import type { TableClient } from '@azure/data-tables';
import type { ConversationWindows } from '../../ports/conversation-windows';
import { hashedKey } from './hashed-key';
import { WHATSAPP_WINDOWS_TABLE, getEntityOrUndefined, isStatus, lazyTable } from './table-client';

const ROW = 'window';
const MAX_ATTEMPTS = 5;

/**
 * {@link ConversationWindows} over Table storage: table `WhatsAppWindows`, PartitionKey = SHA-256 of
 * the customer number (the number itself is never stored), RowKey `window`, `lastInboundAt`. Written
 * with ETag concurrency and only forward, so events in any order and on any instance leave the latest.
 */
export class TableConversationWindows implements ConversationWindows {
  private readonly table: () => Promise<TableClient>;

  constructor(connectionString: string) {
    this.table = lazyTable(connectionString, WHATSAPP_WINDOWS_TABLE);
  }

  async lastInboundAt(customer: string): Promise<string | undefined> {
    const table = await this.table();
    const row = await getEntityOrUndefined<{ lastInboundAt?: unknown }>(table, hashedKey(customer), ROW);
    return typeof row?.lastInboundAt === 'string' ? row.lastInboundAt : undefined;
  }

  async recordInbound(customer: string, at: string): Promise<void> {
    const table = await this.table();
    const partitionKey = hashedKey(customer);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      let current: { lastInboundAt?: unknown; etag: string } | undefined;
      try {
        current = await table.getEntity<{ lastInboundAt?: unknown }>(partitionKey, ROW);
      } catch (err) {
        if (!isStatus(err, 404)) throw err;
      }
      try {
        if (!current) {
          await table.createEntity({ partitionKey, rowKey: ROW, lastInboundAt: at });
          return;
        }
        if (typeof current.lastInboundAt === 'string' && current.lastInboundAt >= at) return;
        await table.updateEntity({ partitionKey, rowKey: ROW, lastInboundAt: at }, 'Replace', { etag: current.etag });
        return;
      } catch (err) {
        if (!isStatus(err, 409) && !isStatus(err, 412)) throw err;
      }
    }
    throw new Error(`${WHATSAPP_WINDOWS_TABLE}: written concurrently ${MAX_ATTEMPTS} times; try again`);
  }
}
