import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { domainEventTypeSchema, parseEventData, type DomainEvent } from '../../domain/events/domain-event';
import type { EventLog } from '../../ports/event-log';
import { CorruptRowError, DOMAIN_EVENTS_TABLE, createIfAbsent, getEntityOrUndefined, isStatus, issuePaths, lazyTable, parseJsonProperty, warnCorruptRow, type CorruptRowReport } from './table-client';

/** Pending markers share one partition, ordered by publication time, so the sweep reads only them. */
const PENDING = 'pending';

const rowSchema = z.object({
  type: domainEventTypeSchema,
  cause: z.string(),
  subject: z.string(),
  time: z.iso.datetime({ offset: true }),
  data: z.string(),
  dispatchedAt: z.string().nullish(),
});

type EventRow = z.infer<typeof rowSchema>;

/** The event a row holds; data that no longer fits its type's schema is a corrupt row. */
function eventOf(eventId: string, row: EventRow): DomainEvent {
  const data = parseEventData(row.type, parseJsonProperty(row.data, DOMAIN_EVENTS_TABLE, eventId, 'data'));
  if (!data) throw new CorruptRowError(DOMAIN_EVENTS_TABLE, eventId, ['data']);
  return { id: eventId, type: row.type, cause: row.cause, subject: row.subject, time: row.time, data } as DomainEvent;
}

const eventKey = (id: string) => ({ partitionKey: `e${id.slice(0, 2)}`, rowKey: id });
const markerKey = (event: { readonly id: string; readonly time: string }) => ({ partitionKey: PENDING, rowKey: `${event.time}_${event.id}` });

/**
 * {@link EventLog} over Table storage: table `DomainEvents`. An event row (PartitionKey `e` + the ID's
 * first two hex digits, RowKey = the ID) and, while it waits for its consumers, a marker row in
 * partition `pending` keyed by time and ID: an event is pending exactly while its marker is there.
 * The marker is written first, so a crash between the two leaves a marker the sweep clears, never an
 * event nobody sweeps. (Rows written before this carry `dispatchedAt`, which still means dispatched.)
 */
export class TableEventLog implements EventLog {
  private readonly table: () => Promise<TableClient>;

  constructor(connectionString: string, private readonly report: CorruptRowReport = warnCorruptRow) {
    this.table = lazyTable(connectionString, DOMAIN_EVENTS_TABLE);
  }

  async append(event: DomainEvent): Promise<{ appended: boolean; pending: boolean }> {
    const table = await this.table();
    // No read first: a fresh event costs the marker, the row and (once dispatched) the marker's removal.
    const markerIsNew = await this.insertMarker(event);
    try {
      await table.createEntity({ ...eventKey(event.id), type: event.type, cause: event.cause, subject: event.subject, time: event.time, data: JSON.stringify(event.data) });
      return { appended: true, pending: true };
    } catch (err) {
      // Published before (a retried use case), or concurrently by another attempt: one row, whichever
      // wrote it. It is pending while its own marker (keyed by its first time) is there; a marker this
      // attempt had to add is spent.
      if (!isStatus(err, 409)) throw err;
      const row = await this.row(event.id);
      if (markerIsNew) await this.clearMarker(event);
      if (row === undefined || row.dispatchedAt) return { appended: false, pending: false };
      if (row.time === event.time) return { appended: false, pending: !markerIsNew };
      return { appended: false, pending: await this.hasMarker({ id: event.id, time: row.time }) };
    }
  }

  async get(eventId: string): Promise<DomainEvent | undefined> {
    const row = await this.row(eventId);
    return row && eventOf(eventId, row);
  }

  async markDispatched(event: { readonly id: string; readonly time: string }): Promise<void> {
    await this.clearMarker(event);
  }

  async pending(before: Date, limit: number): Promise<DomainEvent[]> {
    const table = await this.table();
    const upTo = before.toISOString();
    const events: DomainEvent[] = [];
    const markers = table.listEntities<{ eventId?: unknown }>({ queryOptions: { filter: `PartitionKey eq '${PENDING}' and RowKey lt '${upTo}'` } });
    for await (const marker of markers) {
      if (events.length >= limit) break;
      const id = typeof marker.eventId === 'string' ? marker.eventId : '';
      let row: EventRow | undefined;
      let event: DomainEvent | undefined;
      try {
        row = id ? await this.row(id) : undefined;
        event = row && eventOf(id, row);
      } catch (err) {
        if (!(err instanceof CorruptRowError)) throw err;
        this.report(err);
      }
      // A marker whose event was never written (a crash between the two), or is already dispatched, is spent.
      if (!event || row?.dispatchedAt) await table.deleteEntity(PENDING, marker.rowKey as string).catch((err: unknown) => { if (!isStatus(err, 404)) throw err; });
      else events.push(event);
    }
    return events;
  }

  /** Adds the event's marker; false when it was there already. */
  private async insertMarker(event: { readonly id: string; readonly time: string }): Promise<boolean> {
    const table = await this.table();
    return createIfAbsent(table, { ...markerKey(event), eventId: event.id });
  }

  private async hasMarker(event: { readonly id: string; readonly time: string }): Promise<boolean> {
    const table = await this.table();
    const key = markerKey(event);
    return (await getEntityOrUndefined(table, key.partitionKey, key.rowKey, { queryOptions: { select: ['eventId'] } })) !== undefined;
  }

  private async clearMarker(event: { readonly id: string; readonly time: string }): Promise<void> {
    const table = await this.table();
    const key = markerKey(event);
    try {
      await table.deleteEntity(key.partitionKey, key.rowKey);
    } catch (err) {
      if (!isStatus(err, 404)) throw err;
    }
  }

  private async row(eventId: string): Promise<EventRow | undefined> {
    const table = await this.table();
    const key = eventKey(eventId);
    const entity = await getEntityOrUndefined(table, key.partitionKey, key.rowKey);
    if (entity === undefined) return undefined;
    const parsed = rowSchema.safeParse(entity);
    if (!parsed.success) throw new CorruptRowError(DOMAIN_EVENTS_TABLE, eventId, issuePaths(parsed.error.issues));
    return parsed.data;
  }
}
