import type { SupportedLocale } from '../locale';
import type { Meeting } from '../meeting/meeting-schema';
import { formatMeetingTime } from './format-meeting-time';

/**
 * The date each locale's SMS use: Spanish abbreviations ("sáb", "mié") are not GSM-7, so Spanish
 * texts carry the numeric date, as the shipped es-ES SMS templates do.
 */
const SMS_DATE: Readonly<Record<SupportedLocale, 'startDateShort' | 'startDateNumeric'>> = { 'en-US': 'startDateShort', 'es-ES': 'startDateNumeric' };

/**
 * The numbered list of meetings a reply could be about (`meetingChoices`, for `replyWhich`), one per
 * line in the recipient's locale and zone: "1 = Thu, Dec 3 10:00 AM Mortgage review". The numbers
 * are the order given, which is the order the customer answers by ("YES 2"): the caller decides it
 * and must keep it. Null for no meetings, so `{% if meetingChoices %}` works.
 */
export function formatMeetingChoices(meetings: readonly Meeting[], locale: SupportedLocale, zone: string): string | null {
  if (meetings.length === 0) return null;
  return meetings.map((meeting, index) => {
    const time = formatMeetingTime(meeting.start, meeting.end, locale, zone);
    return `${index + 1} = ${time[SMS_DATE[locale]]} ${time.startTime} ${meeting.subject}`;
  }).join('\n');
}
