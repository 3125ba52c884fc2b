import { odata } from '@azure/data-tables';
import { z } from 'zod';
import type { OutboxInboundSms } from '../../ports/outbox';
import { CorruptRowError, DEV_OUTBOX_TABLE, assertTableKey, issuePaths, lazyTable, parsedRows } from '../tables/table-client';

/** Beside the outbox's own partition: the customers' side of the local SMS conversations. */
const PARTITION = 'inbound-sms';

const inboundRowSchema = z.object({ rowKey: z.string(), from: z.string(), to: z.string(), text: z.string(), createdAt: z.string() });

/** Records a customer's SMS the devhost posted to the events webhook (RowKey = the event ID). */
export async function recordInboundSms(connectionString: string, sms: OutboxInboundSms): Promise<void> {
  assertTableKey(sms.eventId, 'event ID');
  const table = await lazyTable(connectionString, DEV_OUTBOX_TABLE)();
  await table.upsertEntity({ partitionKey: PARTITION, rowKey: sms.eventId, from: sms.from, to: sms.to, text: sms.text, createdAt: sms.createdAt }, 'Replace');
}

/** Every recorded customer SMS, oldest first. */
export async function listInboundSms(connectionString: string): Promise<OutboxInboundSms[]> {
  const table = await lazyTable(connectionString, DEV_OUTBOX_TABLE)();
  const rows = table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${PARTITION}` } });
  const parsed = await parsedRows(rows, (row) => {
    const result = inboundRowSchema.safeParse(row);
    if (!result.success) throw new CorruptRowError(DEV_OUTBOX_TABLE, `${PARTITION}/${String(row.rowKey)}`, issuePaths(result.error.issues));
    const { rowKey, ...fields } = result.data;
    return { eventId: rowKey, ...fields };
  });
  return parsed.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.eventId.localeCompare(b.eventId));
}
