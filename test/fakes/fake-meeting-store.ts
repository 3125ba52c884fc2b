import { CHANNELS, meetingRecordSchema, type Channel, type MeetingRecord } from '../../src/domain';
import type { MeetingStore, StoredMeeting, WriteResult } from '../../src/ports/meeting-store';

interface Row {
  /** The record as JSON, as the Table adapter stores it (so no object is shared with a caller). */
  readonly json: string;
  readonly remindersSent: Partial<Record<Channel, boolean>>;
  /** When the row was last written (wall time, as Table storage's Timestamp): `listScheduled({ changedSince })` filters on it. */
  readonly changedAt?: number;
  readonly etag: string;
}

/**
 * In-memory {@link MeetingStore} that behaves like the Table adapter: every write gets a new ETag,
 * `create` of a stored ID is `exists`, `replace` with a stale ETag is `conflict` and of an unknown ID
 * `missing`, reminder flags survive a replace, and `listScheduled` pages in meeting-ID order.
 */
export class FakeMeetingStore implements MeetingStore {
  private readonly rows = new Map<string, Row>();
  private etags = 0;
  private readonly beforeReplace: Array<(record: MeetingRecord) => Promise<void> | void> = [];
  /** Successful writes (create, replace), in order: what a test may count. */
  readonly writes: Array<{ readonly op: 'create' | 'replace'; readonly meetingId: string }> = [];

  async get(meetingId: string): Promise<StoredMeeting | undefined> {
    const row = this.rows.get(meetingId);
    if (!row) return undefined;
    const record = meetingRecordSchema.parse(JSON.parse(row.json));
    return { record, remindersSent: Object.fromEntries(CHANNELS.map((c) => [c, row.remindersSent[c] === true])), etag: row.etag };
  }

  async create(record: MeetingRecord): Promise<WriteResult> {
    if (this.rows.has(record.meetingId)) return { ok: false, reason: 'exists' };
    const etag = this.nextEtag();
    this.rows.set(record.meetingId, { json: toJson(record), remindersSent: {}, etag, changedAt: Date.now() });
    this.writes.push({ op: 'create', meetingId: record.meetingId });
    return { ok: true, etag };
  }

  async replace(record: MeetingRecord, etag: string): Promise<WriteResult> {
    const hook = this.beforeReplace.shift();
    if (hook) await hook(record);
    const row = this.rows.get(record.meetingId);
    if (!row) return { ok: false, reason: 'missing' };
    if (row.etag !== etag) return { ok: false, reason: 'conflict' };
    const next = this.nextEtag();
    this.rows.set(record.meetingId, { ...row, json: toJson(record), etag: next, changedAt: Date.now() });
    this.writes.push({ op: 'replace', meetingId: record.meetingId });
    return { ok: true, etag: next };
  }

  async listScheduled(page: { after?: string; size: number; changedSince?: Date }): Promise<{ ids: string[]; next?: string }> {
    const size = Math.max(1, Math.floor(page.size));
    const after = page.after;
    const since = page.changedSince?.getTime();
    const ids = [...this.rows.entries()]
      .filter(([id, row]) => (after === undefined || id > after) && (since === undefined || (row.changedAt ?? 0) >= since) && (JSON.parse(row.json) as MeetingRecord).status === 'scheduled')
      .map(([id]) => id)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (ids.length <= size) return { ids };
    const pageIds = ids.slice(0, size);
    return { ids: pageIds, next: pageIds[pageIds.length - 1] };
  }

  /**
   * Runs `hook` just before the next `replace` reads the stored row: a concurrent writer (e.g. one
   * that calls {@link concurrentWrite}) gets in between the caller's read and its conditional write.
   */
  onNextReplace(hook: (record: MeetingRecord) => Promise<void> | void): void {
    this.beforeReplace.push(hook);
  }

  /** Another process saves `record` unconditionally: the stored ETag changes. */
  concurrentWrite(record: MeetingRecord): void {
    const row = this.rows.get(record.meetingId);
    this.rows.set(record.meetingId, { json: toJson(record), remindersSent: row?.remindersSent ?? {}, etag: this.nextEtag(), changedAt: Date.now() });
  }

  private nextEtag(): string {
    this.etags += 1;
    return `W/"fake-${this.etags}"`;
  }
}

function toJson(record: MeetingRecord): string {
  // The adapter validates on read; failing the write instead points at the code that wrote it.
  return JSON.stringify(meetingRecordSchema.parse(record));
}
