import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { StoredTicket, TicketMessage, TicketStore } from '../../ports/ticket-store';
import { hashedKey } from './hashed-key';
import { CorruptRowError, TICKETS_TABLE, createIfAbsent, getEntityOrUndefined, isStatus, issuePaths, lazyTable, parseJsonProperty, parsedRows } from './table-client';

const TICKET_ROW = 'ticket';
const OPEN_ROW = 'open';
const ticketPartition = (ticketId: string): string => `ticket|${hashedKey(ticketId)}`;
const customerPartition = (customer: string): string => `customer|${hashedKey(customer)}`;
const messageRow = (m: Pick<TicketMessage, 'receivedAt' | 'messageId'>): string => `m|${m.receivedAt}|${hashedKey(m.messageId)}`;

const stringMap = z.record(z.string(), z.string());
const ticketRowSchema = z.object({
  ticketId: z.string().min(1), deflectionId: z.string().min(1), customer: z.string().min(1), businessPhone: z.string().min(1),
  teamId: z.string().optional(), status: z.enum(['open', 'closed']), metadata: z.string(), createdAt: z.string().min(1),
});
const messageRowSchema = z.object({
  messageId: z.string().min(1), ticketId: z.string().min(1), receivedAt: z.string().min(1), channel: z.literal('whatsapp'), text: z.string(), buttonPayload: z.string().optional(),
});

type Row = Record<string, unknown> & { partitionKey?: string; rowKey?: string; etag?: string };

/**
 * {@link TicketStore} over Table storage, table `Tickets`: a ticket and its messages share one
 * partition (`ticket|<hash of the ID>`: row `ticket`, rows `m|<receivedAt>|<hash of the event ID>`,
 * so its messages list in time order), and each customer has a row naming their open ticket
 * (`customer|<hash of the number>` / `open`: the number is not a key). Inserts, so a repeated
 * ticket or message changes nothing.
 */
export class TableTicketStore implements TicketStore {
  private readonly table: () => Promise<TableClient>;

  constructor(connectionString: string) {
    this.table = lazyTable(connectionString, TICKETS_TABLE);
  }

  async open(ticket: StoredTicket): Promise<StoredTicket> {
    const table = await this.table();
    const { metadata, teamId, ...fields } = ticket;
    try {
      await table.createEntity({ partitionKey: ticketPartition(ticket.ticketId), rowKey: TICKET_ROW, ...fields, ...(teamId === null ? {} : { teamId }), metadata: JSON.stringify(metadata) });
    } catch (err) {
      if (!isStatus(err, 409)) throw err;
      const existing = await this.get(ticket.ticketId);
      if (existing) {
        // A crash may have come between the two writes: the pointer is written again (idempotent).
        if (existing.status === 'open') await this.point(table, existing);
        return existing;
      }
    }
    await this.point(table, ticket);
    return ticket;
  }

  private async point(table: TableClient, ticket: StoredTicket): Promise<void> {
    await table.upsertEntity({ partitionKey: customerPartition(ticket.customer), rowKey: OPEN_ROW, ticketId: ticket.ticketId, createdAt: ticket.createdAt }, 'Replace');
  }

  async get(ticketId: string): Promise<StoredTicket | undefined> {
    const table = await this.table();
    const row = await getEntityOrUndefined<Row>(table, ticketPartition(ticketId), TICKET_ROW);
    return row === undefined ? undefined : toTicket(row);
  }

  async openFor(customer: string): Promise<StoredTicket | undefined> {
    const table = await this.table();
    const pointer = await getEntityOrUndefined<Row>(table, customerPartition(customer), OPEN_ROW);
    if (pointer === undefined) return undefined;
    if (typeof pointer['ticketId'] !== 'string') throw new CorruptRowError(TICKETS_TABLE, `${customerPartition(customer)}/${OPEN_ROW}`, ['ticketId']);
    const ticket = await this.get(pointer['ticketId']);
    return ticket?.status === 'open' && ticket.customer === customer ? ticket : undefined;
  }

  async addMessage(message: TicketMessage): Promise<boolean> {
    const table = await this.table();
    const { buttonPayload, ...fields } = message;
    return createIfAbsent(table, { partitionKey: ticketPartition(message.ticketId), rowKey: messageRow(message), ...fields, ...(buttonPayload === null ? {} : { buttonPayload }) });
  }

  async messages(ticketId: string): Promise<TicketMessage[]> {
    const table = await this.table();
    const partition = ticketPartition(ticketId);
    const rows = table.listEntities<Row>({ queryOptions: { filter: odata`PartitionKey eq ${partition} and RowKey ge ${'m|'} and RowKey lt ${'m}'}` } });
    return parsedRows(rows, (row) => {
      const parsed = messageRowSchema.safeParse(row);
      if (!parsed.success) throw new CorruptRowError(TICKETS_TABLE, `${partition}/${row.rowKey ?? '?'}`, issuePaths(parsed.error.issues));
      return { ...parsed.data, buttonPayload: parsed.data.buttonPayload ?? null };
    });
  }

  async close(ticketId: string, at: string): Promise<boolean> {
    const table = await this.table();
    const partitionKey = ticketPartition(ticketId);
    let row: Row;
    try {
      row = await table.getEntity<Row>(partitionKey, TICKET_ROW);
    } catch (err) {
      if (isStatus(err, 404)) return false;
      throw err;
    }
    if (row['status'] !== 'open') return false;
    try {
      await table.updateEntity({ partitionKey, rowKey: TICKET_ROW, status: 'closed', closedAt: at }, 'Merge', { etag: row.etag ?? '*' });
    } catch (err) {
      if (isStatus(err, 412)) return this.close(ticketId, at);
      throw err;
    }
    return true;
  }
}

function toTicket(row: Row): StoredTicket {
  const rowId = `${row.partitionKey ?? '?'}/${row.rowKey ?? '?'}`;
  const parsed = ticketRowSchema.safeParse(row);
  if (!parsed.success) throw new CorruptRowError(TICKETS_TABLE, rowId, issuePaths(parsed.error.issues));
  const metadata = z.object({ user: stringMap, ticket: stringMap }).safeParse(parseJsonProperty(parsed.data.metadata, TICKETS_TABLE, rowId, 'metadata'));
  if (!metadata.success) throw new CorruptRowError(TICKETS_TABLE, rowId, ['metadata']);
  return { ...parsed.data, teamId: parsed.data.teamId ?? null, metadata: metadata.data };
}
