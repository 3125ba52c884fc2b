import { odata, type TableClient } from '@azure/data-tables';
import { CHANNELS, meetingRecordSchema, type MeetingRecord } from '../../domain';
import type { MeetingStore, StoredMeeting, WriteResult } from '../../ports/meeting-store';
import { reminderFlagName } from '../../domain/meeting/reminder-flags';
import { CorruptRowError, MEETINGS_TABLE, getEntityOrUndefined, isStatus, issuePaths, lazyTable, parseJsonProperty } from './table-client';

const ROW = 'meeting';

/**
 * The written properties besides the record's JSON are copies for queries (`status`, `start`,
 * `version`); the reminder flags live only here, one boolean property per channel
 * (`reminderEmailSent`, `reminderSmsSent`, …: GetMeeting's names, {@link reminderFlagName}), so marking one is a blind merge that cannot lose
 * another. `replace` merges, so it never touches the flags.
 */
interface MeetingEntity {
  partitionKey: string;
  rowKey: string;
  record: string;
  status: string;
  start: string;
  version: number;
}


/**
 * {@link MeetingStore} over Azure Table storage: one row per meeting (PartitionKey = meeting ID,
 * RowKey `meeting`), the record as validated JSON, writes conditional on the row's ETag.
 */
export class TableMeetingStore implements MeetingStore {
  private readonly table: () => Promise<TableClient>;

  constructor(connectionString: string) {
    this.table = lazyTable(connectionString, MEETINGS_TABLE);
  }

  async get(meetingId: string): Promise<StoredMeeting | undefined> {
    const table = await this.table();
    const entity = await getEntityOrUndefined<Record<string, unknown>>(table, meetingId, ROW);
    if (entity === undefined) return undefined;
    const parsed = meetingRecordSchema.safeParse(parseJsonProperty(entity['record'], MEETINGS_TABLE, meetingId, 'record'));
    if (!parsed.success) throw new CorruptRowError(MEETINGS_TABLE, meetingId, issuePaths(parsed.error.issues).map((p) => `record.${p}`));
    if (parsed.data.meetingId !== meetingId) throw new CorruptRowError(MEETINGS_TABLE, meetingId, ['record.meetingId']);
    return {
      record: parsed.data,
      remindersSent: Object.fromEntries(CHANNELS.map((channel) => [channel, entity[reminderFlagName(channel)] === true])),
      etag: entity.etag,
    };
  }

  async create(record: MeetingRecord): Promise<WriteResult> {
    const table = await this.table();
    try {
      const { etag } = await table.createEntity<MeetingEntity>({ ...toEntity(record), ...Object.fromEntries(CHANNELS.map((channel) => [reminderFlagName(channel), false])) });
      return written(etag);
    } catch (err) {
      if (isStatus(err, 409)) return { ok: false, reason: 'exists' };
      throw err;
    }
  }

  async replace(record: MeetingRecord, etag: string): Promise<WriteResult> {
    const table = await this.table();
    try {
      const result = await table.updateEntity<MeetingEntity>(toEntity(record), 'Merge', { etag });
      return written(result.etag);
    } catch (err) {
      if (isStatus(err, 412)) return { ok: false, reason: 'conflict' };
      if (isStatus(err, 404)) return { ok: false, reason: 'missing' };
      throw err;
    }
  }

  /**
   * Scheduled meetings in meeting-ID order (Table storage returns rows in PartitionKey order). One row
   * more than `size` is read, so `next` is set only when another page really exists.
   */
  async listScheduled(page: { after?: string; size: number; changedSince?: Date }): Promise<{ ids: string[]; next?: string }> {
    const size = Math.max(1, Math.floor(page.size));
    const table = await this.table();
    let filter = odata`RowKey eq ${ROW} and status eq ${'scheduled'}`;
    if (page.after !== undefined) filter += ` and ${odata`PartitionKey gt ${page.after}`}`;
    if (page.changedSince !== undefined) filter += ` and ${odata`Timestamp ge ${page.changedSince}`}`;
    const pages = table.listEntities({ queryOptions: { filter, select: ['PartitionKey'] } }).byPage({ maxPageSize: size + 1 });
    const ids: string[] = [];
    for await (const rows of pages) {
      for (const row of rows) if (row.partitionKey !== undefined) ids.push(row.partitionKey);
      if (ids.length > size) break;
    }
    if (ids.length <= size) return { ids };
    const pageIds = ids.slice(0, size);
    return { ids: pageIds, next: pageIds[pageIds.length - 1] };
  }
}

function toEntity(record: MeetingRecord): MeetingEntity {
  return {
    partitionKey: record.meetingId,
    rowKey: ROW,
    record: JSON.stringify(record),
    status: record.status,
    start: record.start,
    version: record.version,
  };
}

function written(etag: string | undefined): WriteResult {
  if (etag === undefined) throw new Error(`${MEETINGS_TABLE}: the service returned no ETag for a write`);
  return { ok: true, etag };
}
