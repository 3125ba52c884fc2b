import { z } from 'zod';
import type { OnlineMeeting, OnlineMeetingRequest, OnlineMeetings } from '../../ports/online-meetings';
import { getEntityOrUndefined, lazyTable } from '../tables/table-client';

/** The devhost's table of local Teams meetings (GET /dev/outbox lists them). */
export const DEV_ONLINE_MEETINGS_TABLE = 'DevOnlineMeetings';
const PARTITION = 'teams';

/** A local join link: https, so it passes wherever a real one would, on a reserved `.localhost` host that nobody can mistake for Teams. */
export const LOCAL_JOIN_BASE = 'https://teams.devhost.localhost/l/meetup-join/';

/** A local Teams meeting as the outbox shows it. */
export const localOnlineMeetingSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  organizer: z.string(),
  joinUrl: z.string(),
  subject: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(['active', 'deleted']),
  changes: z.number().int(),
});
export type LocalOnlineMeeting = z.infer<typeof localOnlineMeetingSchema>;

/**
 * The devhost's stand-in for Graph's online meetings: one row per meeting ID in Table storage
 * (create-or-get, move, delete, as Graph would), a join URL that is plainly local, and no network.
 */
export class OutboxOnlineMeetings implements OnlineMeetings {
  readonly provider = 'local';
  private readonly table: ReturnType<typeof lazyTable>;

  constructor(connectionString: string) {
    this.table = lazyTable(connectionString, DEV_ONLINE_MEETINGS_TABLE);
  }

  async ensure(request: OnlineMeetingRequest): Promise<OnlineMeeting> {
    const existing = await this.read(request.externalId);
    if (existing?.status === 'active') return toMeeting(existing);
    const row: LocalOnlineMeeting = {
      id: `local-${request.externalId}`, meetingId: request.externalId, organizer: 'organizer@teams.devhost.localhost',
      joinUrl: `${LOCAL_JOIN_BASE}${encodeURIComponent(request.externalId)}`, subject: request.subject, start: request.start, end: request.end,
      status: 'active', changes: (existing?.changes ?? -1) + 1,
    };
    await this.write(row);
    return toMeeting(row);
  }

  async update(meeting: Pick<OnlineMeeting, 'id'>, change: Pick<OnlineMeetingRequest, 'subject' | 'start' | 'end'>): Promise<OnlineMeeting | 'missing'> {
    const existing = await this.read(meeting.id.replace(/^local-/, ''));
    if (existing?.status !== 'active') return 'missing';
    const row = { ...existing, ...change, changes: existing.changes + 1 };
    await this.write(row);
    return toMeeting(row);
  }

  async remove(meeting: Pick<OnlineMeeting, 'id'>): Promise<void> {
    const existing = await this.read(meeting.id.replace(/^local-/, ''));
    if (existing?.status === 'active') await this.write({ ...existing, status: 'deleted', changes: existing.changes + 1 });
  }

  private async read(meetingId: string): Promise<LocalOnlineMeeting | undefined> {
    const table = await this.table();
    const entity = await getEntityOrUndefined<Record<string, unknown>>(table, PARTITION, meetingId);
    return entity === undefined ? undefined : localOnlineMeetingSchema.parse(JSON.parse(String(entity['data'])));
  }

  private async write(row: LocalOnlineMeeting): Promise<void> {
    const table = await this.table();
    await table.upsertEntity({ partitionKey: PARTITION, rowKey: row.meetingId, data: JSON.stringify(row) }, 'Replace');
  }
}

const toMeeting = (row: LocalOnlineMeeting): OnlineMeeting => ({ id: row.id, organizer: row.organizer, joinUrl: row.joinUrl });

/** Every local Teams meeting (the devhost's outbox shows them), by meeting ID. */
export async function listOnlineMeetings(connectionString: string): Promise<LocalOnlineMeeting[]> {
  const table = await lazyTable(connectionString, DEV_ONLINE_MEETINGS_TABLE)();
  const rows: LocalOnlineMeeting[] = [];
  for await (const entity of table.listEntities<Record<string, unknown>>({ queryOptions: { filter: `PartitionKey eq '${PARTITION}'` } })) {
    const parsed = localOnlineMeetingSchema.safeParse(JSON.parse(String(entity['data'])));
    if (parsed.success) rows.push(parsed.data);
  }
  return rows;
}
