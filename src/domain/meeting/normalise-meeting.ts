import { resolveLocale, type SupportedLocale } from '../locale';
import { fail, ok, type FieldError, type Result } from '../result';
import { canonicalTimeZone } from '../time-zone';
import { parseWith } from '../zod-errors';
import { scheduleMeetingBodySchema, type Meeting, type ScheduleMeetingBody } from './meeting-schema';

/** Options for {@link normaliseMeeting}. */
export interface NormaliseMeetingOptions {
  /** The settings' `defaultLocale`: used when the contact has no locale or an unsupported one. */
  readonly defaultLocale: SupportedLocale;
  /** The meeting ID from the URL path (UpdateMeeting); the body may omit it but must not contradict it. */
  readonly pathMeetingId?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Validates and normalises a ScheduleMeeting / UpdateMeeting body: trims strings, treats `null` and
 * blank strings as absent, puts phones in E.164, instants in UTC, resolves the contact's locale
 * (falling back by language, then to `defaultLocale`) and time zone (default: the meeting's).
 * Every problem is reported with the dotted field name.
 */
export function normaliseMeeting(body: unknown, options: NormaliseMeetingOptions): Result<Meeting> {
  const { pathMeetingId } = options;
  if (pathMeetingId !== undefined && isObject(body)) {
    if (body.meetingId !== undefined && body.meetingId !== pathMeetingId) {
      return fail({ path: 'meetingId', message: 'does not match the meeting ID in the path' });
    }
    body = { ...body, meetingId: pathMeetingId };
  }
  const parsed = parseWith(scheduleMeetingBodySchema, body);
  if (!parsed.ok) return parsed;
  const errors = crossFieldErrors(parsed.value);
  return errors.length > 0 ? fail(...errors) : ok(toMeeting(parsed.value, options.defaultLocale));
}

function crossFieldErrors(body: ScheduleMeetingBody): FieldError[] {
  const errors: FieldError[] = [];
  if (Date.parse(body.end) <= Date.parse(body.start)) errors.push({ path: 'end', message: 'must be after start' });
  if (body.contact.email === undefined && body.contact.phone === undefined) {
    errors.push({ path: 'contact.email', message: 'is required when contact.phone is absent (give at least one)' });
  }
  if (body.online?.joinUrl !== undefined && body.online.createTeamsMeeting === true) {
    errors.push({ path: 'online', message: 'give either joinUrl or createTeamsMeeting: true, not both' });
  }
  return errors;
}

function toMeeting(body: ScheduleMeetingBody, defaultLocale: SupportedLocale): Meeting {
  const timeZone = canonicalTimeZone(body.timeZone);
  const { location, online, advisor, contact } = body;
  const hasPlace = location !== undefined && (location.name !== undefined || location.address !== undefined);
  const hasOnline = online !== undefined && (online.joinUrl !== undefined || online.createTeamsMeeting === true);
  return {
    meetingId: body.meetingId,
    subject: body.subject,
    start: body.start,
    end: body.end,
    timeZone,
    location: hasPlace ? { name: location.name ?? null, address: location.address ?? null } : null,
    online: hasOnline ? { joinUrl: online.joinUrl ?? null, createTeamsMeeting: online.joinUrl === undefined } : null,
    advisor: { name: advisor.name, email: advisor.email ?? null, phone: advisor.phone ?? null },
    contact: {
      contactId: contact.contactId,
      firstName: contact.firstName,
      lastName: contact.lastName ?? null,
      email: contact.email ?? null,
      phone: contact.phone ?? null,
      locale: resolveLocale(contact.locale, defaultLocale),
      timeZone: contact.timeZone === undefined ? timeZone : canonicalTimeZone(contact.timeZone),
    },
    adminInstructions: body.adminInstructions ?? null,
    customerNotes: body.customerNotes ?? null,
  };
}
