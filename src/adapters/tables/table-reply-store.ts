import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { ReplyStore, StoredReply } from '../../ports/reply-store';
import { hashedKey } from './hashed-key';
import { CorruptRowError, REPLIES_TABLE, isStatus, issuePaths, lazyTable, parsedRows } from './table-client';

const UNMATCHED = 'unmatched';

const rowSchema = z.object({
  rowKey: z.string(),
  replyId: z.string().min(1),
  receivedAt: z.iso.datetime(),
  channel: z.enum(['sms', 'whatsapp']),
  from: z.string().min(1),
  to: z.string().min(1),
  text: z.string(),
});

/**
 * {@link ReplyStore} over Table storage: PartitionKey `unmatched`, RowKey = the reversed receive time
 * and the event ID's hash, so a listing reads newest first and a redelivered event is the same row.
 */
export class TableReplyStore implements ReplyStore {
  private readonly table: () => Promise<TableClient>;

  constructor(connectionString: string) {
    this.table = lazyTable(connectionString, REPLIES_TABLE);
  }

  async keepUnmatched(reply: StoredReply): Promise<void> {
    const table = await this.table();
    const rowKey = `${reversedTime(reply.receivedAt)}-${hashedKey(reply.replyId)}`;
    try {
      await table.createEntity({ partitionKey: UNMATCHED, rowKey, ...reply });
    } catch (err) {
      if (!isStatus(err, 409)) throw err;
    }
  }

  async listUnmatched(limit: number): Promise<StoredReply[]> {
    const table = await this.table();
    const rows: unknown[] = [];
    for await (const page of table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${UNMATCHED}` } }).byPage({ maxPageSize: limit })) {
      rows.push(...page);
      if (rows.length >= limit) break;
    }
    return parsedRows(rows.slice(0, limit), toReply);
  }
}

/** 13-digit milliseconds subtracted from a far future, so that later replies sort first. */
function reversedTime(iso: string): string {
  return String(9_999_999_999_999 - Date.parse(iso)).padStart(13, '0');
}

function toReply(row: unknown): StoredReply {
  const parsed = rowSchema.safeParse(row);
  if (!parsed.success) throw new CorruptRowError(REPLIES_TABLE, `${UNMATCHED}/${(row as { rowKey?: string }).rowKey ?? '?'}`, issuePaths(parsed.error.issues));
  const { rowKey: _rowKey, ...reply } = parsed.data;
  return reply;
}
