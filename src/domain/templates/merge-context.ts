import type { SupportedLocale } from '../locale';
import type { Meeting } from '../meeting/meeting-schema';
import { formatPhoneForDisplay } from '../meeting/phone';
import { formatMeetingTime } from './format-meeting-time';
import { formatMeetingChoices } from './meeting-choices';
import type { MergeContext } from './merge-fields';

/** Inputs of {@link buildMergeContext}. */
export interface MergeContextInput {
  readonly meeting: Meeting;
  /** The recipient's locale (normally `meeting.contact.locale`). */
  readonly locale: SupportedLocale;
  /** The recipient's IANA zone (normally `meeting.contact.timeZone`). */
  readonly zone: string;
  /** From `buildCancelLink`, or null (cancellation notices, or no link available). */
  readonly cancelLink: string | null;
  readonly organisationName: string;
  /** From `replyHintFor`: what the customer may reply; absent or null when replies are off. */
  readonly replyHint?: string | null;
  /** The meetings a `replyWhich` lists, in the order the customer answers by; absent in other messages. */
  readonly choices?: readonly Meeting[];
}

/**
 * Builds the values for a template: every declared merge field, dates and times in the recipient's
 * locale and zone, absent values as `null`. Pure: the same input gives the same context.
 */
export function buildMergeContext(input: MergeContextInput): MergeContext {
  const { meeting, locale, zone, cancelLink, organisationName, replyHint = null, choices = [] } = input;
  return {
    organisationName,
    subject: meeting.subject,
    ...formatMeetingTime(meeting.start, meeting.end, locale, zone),
    isOnline: meeting.online !== null,
    joinUrl: meeting.online?.joinUrl ?? null,
    locationName: meeting.location?.name ?? null,
    locationAddress: meeting.location?.address ?? null,
    advisorName: meeting.advisor.name,
    advisorEmail: meeting.advisor.email,
    advisorPhone: meeting.advisor.phone === null ? null : formatPhoneForDisplay(meeting.advisor.phone),
    contactFirstName: meeting.contact.firstName,
    contactLastName: meeting.contact.lastName,
    adminInstructions: meeting.adminInstructions,
    customerNotes: meeting.customerNotes,
    cancelLink,
    replyHint,
    meetingChoices: formatMeetingChoices(choices, locale, zone),
  };
}

/**
 * The merge fields of a message about no meeting (the answer to HELP from a number with no open
 * prompt): the institution's name and what to reply. The shipped `replyHelp` templates use only these.
 */
export const MEETINGLESS_FIELDS = ['organisationName', 'replyHint'] as const;
/** The values of {@link MEETINGLESS_FIELDS}. */
export type MeetinglessContext = Pick<MergeContext, (typeof MEETINGLESS_FIELDS)[number]>;

/** The context of a message about no meeting; `replyHint` null when there is no question to answer. */
export function buildMeetinglessContext(input: { readonly organisationName: string; readonly replyHint?: string | null }): MeetinglessContext {
  return { organisationName: input.organisationName, replyHint: input.replyHint ?? null };
}
