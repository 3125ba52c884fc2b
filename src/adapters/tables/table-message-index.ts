import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { MessageIndex, SentMessageRef } from '../../ports/message-index';
import { aboutFromPartition, aboutPartition } from './about-key';
import { hashedKey } from './hashed-key';
import { CorruptRowError, MESSAGE_INDEX_TABLE, getEntityOrUndefined, issuePaths, lazyTable } from './table-client';

const ROW = 'send';

const indexRowSchema = z.object({ providerMessageId: z.string().min(1), about: z.string().min(1), sendKey: z.string().min(1) });

/**
 * {@link MessageIndex} over Table storage: table `MessageIndex`, PartitionKey = SHA-256 of the provider
 * message ID (one partition per message: point reads and writes only), RowKey `send`. An upsert, so
 * recording the same message again (a resumed send gets the same ID back) is harmless.
 */
export class TableMessageIndex implements MessageIndex {
  private readonly table: () => Promise<TableClient>;

  constructor(connectionString: string) {
    this.table = lazyTable(connectionString, MESSAGE_INDEX_TABLE);
  }

  async record(providerMessageId: string, ref: SentMessageRef): Promise<void> {
    const table = await this.table();
    await table.upsertEntity({ partitionKey: hashedKey(providerMessageId), rowKey: ROW, providerMessageId, about: aboutPartition(ref.about), sendKey: ref.sendKey }, 'Replace');
  }

  async find(providerMessageId: string): Promise<SentMessageRef | undefined> {
    const table = await this.table();
    const partitionKey = hashedKey(providerMessageId);
    const row = await getEntityOrUndefined(table, partitionKey, ROW);
    if (row === undefined) return undefined;
    const parsed = indexRowSchema.safeParse(row);
    const about = parsed.success ? aboutFromPartition(parsed.data.about) : undefined;
    if (!parsed.success || !about) throw new CorruptRowError(MESSAGE_INDEX_TABLE, `${partitionKey}/${ROW}`, parsed.success ? ['about'] : issuePaths(parsed.error.issues));
    // A digest collision is out of reach, but the stored ID is there to check, so check it.
    return parsed.data.providerMessageId === providerMessageId ? { about, sendKey: parsed.data.sendKey } : undefined;
  }
}
