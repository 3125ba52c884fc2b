import { z } from 'zod';
import { storedInstant } from '../instant';
import { supportedLocaleSchema } from '../locale';
import {
  absentIfBlank, contactIdSchema, isoInstant, LIMITS, meetingIdSchema, optionalEmail, optionalHttpsUrl,
  optionalPhone, optionalText, requiredText, timeZoneSchema,
} from './meeting-fields';
import { teamsMeetingStateSchema } from './teams-meeting';

/**
 * The ScheduleMeeting / UpdateMeeting request body (API.md), before normalisation. Unknown keys are
 * dropped rather than rejected, so a client may send back what GetMeeting returned.
 */
export const scheduleMeetingBodySchema = z.object({
  meetingId: meetingIdSchema,
  subject: requiredText(LIMITS.subject),
  start: isoInstant,
  end: isoInstant,
  timeZone: timeZoneSchema,
  location: absentIfBlank(z.object({ name: optionalText(LIMITS.placeName), address: optionalText(LIMITS.address, true) })),
  online: absentIfBlank(z.object({ joinUrl: optionalHttpsUrl, createTeamsMeeting: absentIfBlank(z.boolean()) })),
  advisor: z.object({ name: requiredText(LIMITS.name), email: optionalEmail, phone: optionalPhone }),
  contact: z.object({
    contactId: contactIdSchema,
    firstName: requiredText(LIMITS.name),
    lastName: optionalText(LIMITS.name),
    email: optionalEmail,
    phone: optionalPhone,
    locale: absentIfBlank(z.string().trim().max(35).regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en-US or es-ES')),
    timeZone: absentIfBlank(timeZoneSchema),
  }),
  adminInstructions: optionalText(LIMITS.longText, true),
  customerNotes: optionalText(LIMITS.longText, true),
});

/** The request body after parsing (strings trimmed, phones in E.164, instants in UTC). */
export type ScheduleMeetingBody = z.output<typeof scheduleMeetingBodySchema>;

const utcInstant = storedInstant;
const nullableText = z.string().nullable();

/** A normalised meeting as stored: every optional value is present as `null`, locale and zone resolved. */
export const meetingSchema = z.object({
  meetingId: meetingIdSchema,
  subject: z.string().min(1).max(LIMITS.subject),
  start: utcInstant,
  end: utcInstant,
  timeZone: timeZoneSchema,
  location: z.object({ name: nullableText, address: nullableText }).nullable(),
  online: z.object({ joinUrl: nullableText, createTeamsMeeting: z.boolean() }).nullable(),
  advisor: z.object({ name: z.string().min(1), email: nullableText, phone: nullableText }),
  contact: z.object({
    contactId: contactIdSchema,
    firstName: z.string().min(1),
    lastName: nullableText,
    email: nullableText,
    phone: nullableText,
    locale: supportedLocaleSchema,
    timeZone: timeZoneSchema,
  }),
  adminInstructions: nullableText,
  customerNotes: nullableText,
});

/** A normalised meeting (see {@link meetingSchema}). */
export type Meeting = z.infer<typeof meetingSchema>;

/** Lifecycle of a meeting; `cancelled` and `completed` are final. */
export const meetingStatusSchema = z.enum(['scheduled', 'cancelled', 'completed']);
/** `scheduled` | `cancelled` | `completed`. */
export type MeetingStatus = z.infer<typeof meetingStatusSchema>;

/**
 * Who cancelled (API.md `cancelledBy`): a portal with a customer's bearer token, a deep link, a reply
 * (SMS, later WhatsApp or voice), a flow or admin with the API key (`api`), or another system
 * (`external`, no notice is sent). Rows written before `portal` existed say `api` for portal cancels
 * too, and still read.
 */
export const cancellationSourceSchema = z.enum(['portal', 'link', 'sms', 'whatsapp', 'voice', 'api', 'external']);
/** `portal` | `link` | `sms` | `whatsapp` | `voice` | `api` | `external`. */
export type CancellationSource = z.infer<typeof cancellationSourceSchema>;

/** How a meeting was cancelled. */
export const cancellationSchema = z.object({ cancelledAt: utcInstant, source: cancellationSourceSchema, reason: nullableText });
/** See {@link cancellationSchema}. */
export type Cancellation = z.infer<typeof cancellationSchema>;

/**
 * A stored meeting with its state. `versionAt` is when the current version was recorded (the booking,
 * or the last change that bumped `version`); the schedule policy uses it to tell a late booking from
 * an overdue reminder. `cancellation` is set exactly when `status` is `cancelled`.
 */
export const meetingRecordSchema = meetingSchema
  .extend({
    status: meetingStatusSchema,
    version: z.number().int().min(1),
    versionAt: utcInstant,
    cancellation: cancellationSchema.nullable(),
    /** The Teams meeting Graph holds for it (`online.createTeamsMeeting`), once the service has tried. */
    teams: teamsMeetingStateSchema.optional(),
  })
  .refine((record) => (record.status === 'cancelled') === (record.cancellation !== null), {
    path: ['cancellation'],
    message: 'must be set exactly when status is cancelled',
  });

/** See {@link meetingRecordSchema}. */
export type MeetingRecord = z.infer<typeof meetingRecordSchema>;
