import { DateTime } from 'luxon';
import type { SupportedLocale } from '../locale';
import { memoise } from '../memoise';
import { spokenStart } from './spoken-time';

/** Start/end and duration texts for one recipient. */
export interface FormattedMeetingTime {
  readonly startDate: string;
  readonly startDateShort: string;
  readonly startDateNumeric: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly timeZoneName: string;
  readonly timeZoneAbbr: string;
  readonly durationMinutes: number;
  readonly durationText: string;
  readonly startSpoken: string;
}

/**
 * ICU puts narrow or no-break spaces in some formats ("10:00\u202fAM"); they are outside GSM-7 and
 * would turn an SMS into UCS-2, so they become plain spaces.
 */
export function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u2007\u202f]/g, ' ');
}

// Intl formatters are costly to build (tens of µs each) and immutable: one per key.
const unitFormat = memoise((key) => {
  const [locale, unit] = key.split('|');
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' });
});
const listFormat = memoise((locale) => new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' }));
const zoneNameFormat = memoise((key) => {
  const [locale, timeZone, style] = key.split('|') as [string, string, 'long' | 'short'];
  return new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: style });
});

/** The zone's name at an instant, in a locale: `long` "Eastern Standard Time", `short` "EST" (or "GMT+1"). */
export function zoneName(epochMs: number, locale: SupportedLocale, zone: string, style: 'long' | 'short'): string {
  const parts = zoneNameFormat(`${locale}|${zone}|${style}`).formatToParts(epochMs);
  return plainSpaces(parts.find((part) => part.type === 'timeZoneName')?.value ?? zone);
}

/** A duration in words: "30 minutes", "1 hour", "1 hour and 30 minutes" (Intl unit + list formats). */
export function formatDuration(minutes: number, locale: SupportedLocale): string {
  const unit = (value: number, name: 'hour' | 'minute') => unitFormat(`${locale}|${name}`).format(value);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [...(hours > 0 ? [unit(hours, 'hour')] : []), ...(rest > 0 || hours === 0 ? [unit(rest, 'minute')] : [])];
  return plainSpaces(listFormat(locale).format(parts));
}

/** Formats a meeting's start, end and duration in the recipient's locale and zone. */
export function formatMeetingTime(startIso: string, endIso: string, locale: SupportedLocale, zone: string): FormattedMeetingTime {
  const start = DateTime.fromMillis(Date.parse(startIso), { zone, locale });
  const end = DateTime.fromMillis(Date.parse(endIso), { zone, locale });
  const durationMinutes = Math.round(end.diff(start, 'minutes').minutes);
  const text = (dt: DateTime, format: Intl.DateTimeFormatOptions) => plainSpaces(dt.toLocaleString(format));
  return {
    startDate: text(start, DateTime.DATE_HUGE),
    startDateShort: text(start, { weekday: 'short', month: 'short', day: 'numeric' }),
    startDateNumeric: text(start, DateTime.DATE_SHORT),
    startTime: text(start, DateTime.TIME_SIMPLE),
    endTime: text(end, DateTime.TIME_SIMPLE),
    timeZoneName: zoneName(start.toMillis(), locale, zone, 'long'),
    timeZoneAbbr: zoneName(start.toMillis(), locale, zone, 'short'),
    durationMinutes,
    durationText: formatDuration(durationMinutes, locale),
    startSpoken: spokenStart(startIso, locale, zone),
  };
}
