import type { Meeting } from './meeting-schema';

/**
 * Fields whose change bumps `version`: when, where, how to join, and who/how we reach the contact.
 * A new version re-plans the reminder, sends an updated confirmation and retires old deep links.
 */
export const VERSIONED_FIELDS = [
  'start', 'end', 'timeZone', 'location.name', 'location.address', 'online.joinUrl', 'online.createTeamsMeeting',
  'contact.contactId', 'contact.email', 'contact.phone', 'contact.timeZone', 'contact.locale',
] as const;

/**
 * Fields whose change alters message content but not timing or recipient: stored and used by every
 * later message (the reminder, the cancellation notice), but no new confirmation is sent for them.
 */
export const CONTENT_FIELDS = [
  'subject', 'adminInstructions', 'customerNotes', 'advisor.name', 'advisor.email', 'advisor.phone',
  'contact.firstName', 'contact.lastName',
] as const;

/** A field of a meeting that {@link compareMeetings} looks at. */
export type ComparedField = (typeof VERSIONED_FIELDS)[number] | (typeof CONTENT_FIELDS)[number];

/** What changed between two versions of a meeting. */
export interface MeetingChange {
  /** `none`: identical; `content`: update without a new version; `versioned`: bump `version`. */
  readonly kind: 'none' | 'content' | 'versioned';
  readonly bumpsVersion: boolean;
  /** Changed fields, dotted, in declaration order. */
  readonly changed: readonly ComparedField[];
}

function valueAt(meeting: Meeting, field: ComparedField): unknown {
  const [head, tail] = field.split('.') as [string, string | undefined];
  const value = (meeting as unknown as Record<string, unknown>)[head];
  if (tail === undefined) return value;
  return value === null ? null : (value as Record<string, unknown>)[tail];
}

/** Instants compare by time, so `…T15:00:00Z` and `…T16:00:00+01:00` are the same start. */
function same(field: ComparedField, a: unknown, b: unknown): boolean {
  if ((field === 'start' || field === 'end') && typeof a === 'string' && typeof b === 'string') return Date.parse(a) === Date.parse(b);
  return a === b;
}

/**
 * Compares two normalised meetings (same `meetingId`). Versioned changes (time, zone, place, online
 * link, contact address/zone/locale) bump `version`; content changes (subject, instructions, notes,
 * advisor, contact names) are updates that keep it. An absent location or online block compares as
 * all-null fields, so removing the location is a change of `location.name` / `location.address`.
 */
export function compareMeetings(previous: Meeting, next: Meeting): MeetingChange {
  const changedOf = (fields: readonly ComparedField[]) => fields.filter((f) => !same(f, valueAt(previous, f), valueAt(next, f)));
  const versioned = changedOf(VERSIONED_FIELDS);
  const content = changedOf(CONTENT_FIELDS);
  const changed = [...versioned, ...content];
  const kind = versioned.length > 0 ? 'versioned' : content.length > 0 ? 'content' : 'none';
  return { kind, bumpsVersion: kind === 'versioned', changed };
}
