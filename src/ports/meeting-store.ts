import type { Channel, MeetingRecord } from '../domain';

/** A meeting as stored: the domain record plus what sending has recorded on it. */
export interface StoredMeeting {
  readonly record: MeetingRecord;
  /**
   * Channels whose reminder rows written by earlier releases flag as sent. GetMeeting's
   * `reminderEmailSent`, `reminderSmsSent`… now come from the ledger (a sent reminder of that channel),
   * or these flags: a send no longer writes the meeting row.
   */
  readonly remindersSent: Readonly<Partial<Record<Channel, boolean>>>;
  /** Opaque concurrency token; pass it back to `replace`. */
  readonly etag: string;
}

export type WriteResult = { readonly ok: true; readonly etag: string } | { readonly ok: false; readonly reason: 'exists' | 'conflict' | 'missing' };

/** Meetings by ID. Writes are conditional so concurrent requests cannot overwrite each other. */
export interface MeetingStore {
  get(meetingId: string): Promise<StoredMeeting | undefined>;
  /** Inserts a new meeting; `exists` when one with that ID is already stored. */
  create(record: MeetingRecord): Promise<WriteResult>;
  /** Replaces the record if `etag` still matches (`conflict` otherwise); keeps the reminder flags. */
  replace(record: MeetingRecord, etag: string): Promise<WriteResult>;
  /**
   * IDs of scheduled meetings in ID order, a page at a time (for broadcasting a settings change, and
   * for the reconciliation, which asks only for rows written since `changedSince`).
   */
  listScheduled(page: { after?: string; size: number; changedSince?: Date }): Promise<{ ids: string[]; next?: string }>;
}
