import { DateTime } from 'luxon';
import type { SupportedLocale } from '../locale';

/** English ordinal suffix of a day of the month: 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st, 22nd. */
function ordinal(day: number): string {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  return `${day}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[day % 10] ?? 'th'}`;
}

/**
 * A meeting's start phrased to be spoken (text to speech reads digits and abbreviations badly), in
 * the recipient's locale and zone: en-US "Thursday, December 3rd at 10 AM" ("at 10:30 AM" off the
 * hour); es-ES "el jueves 3 de diciembre a las 10:00" ("a la 1:30"). Pure: Intl names through luxon.
 */
export function spokenStart(startIso: string, locale: SupportedLocale, zone: string): string {
  const start = DateTime.fromMillis(Date.parse(startIso), { zone, locale });
  if (locale === 'es-ES') {
    const time = `${start.hour}:${String(start.minute).padStart(2, '0')}`;
    return `el ${start.toFormat('cccc')} ${start.day} de ${start.toFormat('LLLL')} ${start.hour === 1 ? 'a la' : 'a las'} ${time}`;
  }
  const hour12 = start.hour % 12 === 0 ? 12 : start.hour % 12;
  const minutes = start.minute === 0 ? '' : `:${String(start.minute).padStart(2, '0')}`;
  return `${start.toFormat('cccc')}, ${start.toFormat('LLLL')} ${ordinal(start.day)} at ${hour12}${minutes} ${start.hour < 12 ? 'AM' : 'PM'}`;
}
