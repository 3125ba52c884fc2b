import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { domainEventTypeSchema } from '../../domain/events/domain-event';
import type { Delivery, DeliveryHealth, DeliveryStore } from '../../ports/delivery-store';
import { CorruptRowError, DELIVERIES_TABLE, getEntityOrUndefined, isStatus, issuePaths, lazyTable, parsedRows, warnCorruptRow, type CorruptRowReport } from './table-client';

const iso = z.iso.datetime({ offset: true });
const rowSchema = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  eventType: domainEventTypeSchema,
  status: z.enum(['pending', 'retrying', 'delivered', 'failed', 'gone']),
  createdAt: iso,
  attempts: z.number().int().min(0),
  firstAttemptAt: iso.nullish(),
  lastAttemptAt: iso.nullish(),
  lastHttpStatus: z.number().int().nullish(),
  nextAttemptAt: iso.nullish(),
  changedAt: iso,
});

/**
 * {@link DeliveryStore} over Table storage: table `Deliveries`, PartitionKey = the subscription ID,
 * RowKey = the event ID, so recording a delivery twice is one insert that loses (409), and a
 * subscription's recent deliveries are one partition query (`changedAt`, for the admin page).
 */
export class TableDeliveryStore implements DeliveryStore {
  private readonly table: () => Promise<TableClient>;

  constructor(connectionString: string, private readonly report: CorruptRowReport = warnCorruptRow) {
    this.table = lazyTable(connectionString, DELIVERIES_TABLE);
  }

  async record(d: Pick<Delivery, 'eventId' | 'subscriptionId' | 'eventType' | 'createdAt'>): Promise<Delivery> {
    const fresh: Delivery = { ...d, status: 'pending', attempts: 0 };
    const table = await this.table();
    try {
      await table.createEntity(toEntity(fresh));
      return fresh;
    } catch (err) {
      if (!isStatus(err, 409)) throw err;
      return (await this.get(d.subscriptionId, d.eventId)) ?? fresh;
    }
  }

  async get(subscriptionId: string, eventId: string): Promise<Delivery | undefined> {
    const table = await this.table();
    const row = await getEntityOrUndefined(table, subscriptionId, eventId);
    return row === undefined ? undefined : toDelivery(row);
  }

  async update(delivery: Delivery): Promise<void> {
    const table = await this.table();
    await table.upsertEntity(toEntity(delivery), 'Replace');
  }

  async health(subscriptionId: string, since: Date): Promise<DeliveryHealth> {
    const table = await this.table();
    const filter = odata`PartitionKey eq ${subscriptionId} and changedAt ge ${since.toISOString()}`;
    const rows = await parsedRows(table.listEntities({ queryOptions: { filter } }), toDelivery, this.report);
    let last: Delivery | undefined;
    for (const row of rows) if (!last || changedAt(row) > changedAt(last)) last = row;
    const failures = rows.filter((r) => r.status === 'retrying' || r.status === 'failed').length;
    if (!last) return { failures };
    return { failures, last: { status: last.status, at: changedAt(last), ...(last.lastHttpStatus !== undefined ? { httpStatus: last.lastHttpStatus } : {}) } };
  }
}

const changedAt = (d: Delivery): string => d.lastAttemptAt ?? d.createdAt;

function toEntity(d: Delivery): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  return {
    partitionKey: d.subscriptionId, rowKey: d.eventId, eventType: d.eventType, status: d.status, createdAt: d.createdAt, attempts: d.attempts,
    firstAttemptAt: d.firstAttemptAt ?? null, lastAttemptAt: d.lastAttemptAt ?? null, lastHttpStatus: d.lastHttpStatus ?? null,
    nextAttemptAt: d.nextAttemptAt ?? null, changedAt: changedAt(d),
  };
}

function toDelivery(entity: Record<string, unknown>): Delivery {
  const parsed = rowSchema.safeParse(entity);
  if (!parsed.success) throw new CorruptRowError(DELIVERIES_TABLE, `${String(entity.partitionKey)}/${String(entity.rowKey)}`, issuePaths(parsed.error.issues));
  const r = parsed.data;
  return {
    eventId: r.rowKey, subscriptionId: r.partitionKey, eventType: r.eventType, status: r.status, createdAt: r.createdAt, attempts: r.attempts,
    ...(r.firstAttemptAt ? { firstAttemptAt: r.firstAttemptAt } : {}),
    ...(r.lastAttemptAt ? { lastAttemptAt: r.lastAttemptAt } : {}),
    ...(typeof r.lastHttpStatus === 'number' ? { lastHttpStatus: r.lastHttpStatus } : {}),
    ...(r.nextAttemptAt ? { nextAttemptAt: r.nextAttemptAt } : {}),
  };
}
