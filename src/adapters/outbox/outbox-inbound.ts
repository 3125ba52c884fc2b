import { odata } from '@azure/data-tables';
import { z } from 'zod';
import type { OutboxInboundSms } from '../../ports/outbox';
import { CorruptRowError, DEV_OUTBOX_TABLE, assertTableKey, issuePaths, lazyTable, parsedRows } from '../tables/table-client';

/** Beside the outbox's own partition: the customers' side of the local SMS conversations. */
const PARTITION = 'inbound-sms';

const inboundRowSchema = z.object({ rowKey: z.string(), from: z.string(), to: z.string(), text: z.string(), createdAt: z.string() });

/** The customers' side of the local WhatsApp conversations. */
export const INBOUND_WHATSAPP = 'inbound-whatsapp';

/** Records a customer's SMS (or, with `partition` INBOUND_WHATSAPP, WhatsApp message) the devhost posted to the events webhook (RowKey = the event ID). */
export async function recordInboundSms(connectionString: string, sms: OutboxInboundSms, partition = PARTITION): Promise<void> {
  assertTableKey(sms.eventId, 'event ID');
  const table = await lazyTable(connectionString, DEV_OUTBOX_TABLE)();
  await table.upsertEntity({ partitionKey: partition, rowKey: sms.eventId, from: sms.from, to: sms.to, text: sms.text, createdAt: sms.createdAt }, 'Replace');
}

/** Every recorded customer SMS (or WhatsApp message, see recordInboundSms), oldest first. */
export async function listInboundSms(connectionString: string, partition = PARTITION): Promise<OutboxInboundSms[]> {
  const table = await lazyTable(connectionString, DEV_OUTBOX_TABLE)();
  const rows = table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partition}` } });
  const parsed = await parsedRows(rows, (row) => {
    const result = inboundRowSchema.safeParse(row);
    if (!result.success) throw new CorruptRowError(DEV_OUTBOX_TABLE, `${partition}/${String(row.rowKey)}`, issuePaths(result.error.issues));
    const { rowKey, ...fields } = result.data;
    return { eventId: rowKey, ...fields };
  });
  return parsed.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.eventId.localeCompare(b.eventId));
}
