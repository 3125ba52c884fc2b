import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { domainEventTypeSchema } from '../../domain/events/domain-event';
import type { StoredSubscription, SubscriptionStore } from '../../ports/subscription-store';
import { CorruptRowError, SUBSCRIPTIONS_TABLE, getEntityOrUndefined, isStatus, issuePaths, lazyTable, parseJsonProperty, parsedRows, warnCorruptRow, type CorruptRowReport } from './table-client';

/** Every subscription in one partition: there are few, and each event reads them all. */
const PARTITION = 'subscription';

const rowSchema = z.object({
  rowKey: z.string().min(1),
  notificationUrl: z.string().min(1),
  events: z.array(domainEventTypeSchema).min(1),
  description: z.string().nullish(),
  secret: z.string().startsWith('whsec_'),
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.string(),
});

/** {@link SubscriptionStore} over Table storage: table `Subscriptions`, PartitionKey `subscription`, RowKey = the ID. */
export class TableSubscriptionStore implements SubscriptionStore {
  private readonly table: () => Promise<TableClient>;

  constructor(connectionString: string, private readonly report: CorruptRowReport = warnCorruptRow) {
    this.table = lazyTable(connectionString, SUBSCRIPTIONS_TABLE);
  }

  async create(s: StoredSubscription): Promise<void> {
    const table = await this.table();
    await table.createEntity({
      partitionKey: PARTITION, rowKey: s.id, notificationUrl: s.notificationUrl, events: JSON.stringify(s.events),
      description: s.description ?? null, secret: s.secret, createdAt: s.createdAt, createdBy: s.createdBy,
    });
  }

  async get(id: string): Promise<StoredSubscription | undefined> {
    if (!/^[A-Za-z0-9-]{1,100}$/.test(id)) return undefined;
    const table = await this.table();
    const row = await getEntityOrUndefined(table, PARTITION, id);
    return row === undefined ? undefined : toSubscription(row);
  }

  async list(): Promise<StoredSubscription[]> {
    const table = await this.table();
    const rows = await parsedRows(table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${PARTITION}` } }), toSubscription, this.report);
    return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async delete(id: string): Promise<boolean> {
    if (!/^[A-Za-z0-9-]{1,100}$/.test(id)) return false;
    const table = await this.table();
    try {
      await table.deleteEntity(PARTITION, id);
      return true;
    } catch (err) {
      if (isStatus(err, 404)) return false;
      throw err;
    }
  }
}

function toSubscription(entity: Record<string, unknown>): StoredSubscription {
  const rowKey = typeof entity.rowKey === 'string' ? entity.rowKey : '?';
  const parsed = rowSchema.safeParse({ ...entity, events: parseJsonProperty(entity.events, SUBSCRIPTIONS_TABLE, rowKey, 'events') });
  if (!parsed.success) throw new CorruptRowError(SUBSCRIPTIONS_TABLE, rowKey, issuePaths(parsed.error.issues));
  const { rowKey: id, description, ...rest } = parsed.data;
  return { id, ...rest, ...(description ? { description } : {}) };
}
