import { resolveWallTime, wallTimeAt } from './local-time';

/** A daily quiet window on the recipient's wall clock (`HH:mm`; start after end spans midnight). */
export interface QuietWindow {
  readonly start: string;
  readonly end: string;
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/**
 * The instant a message due at `atMs` may go out under a quiet window in `zone`: `atMs` itself when
 * its wall time is outside [start, end), else the next `end` on the recipient's wall clock (the same
 * day's, or the next day's when the window spans midnight and it is evening). The end is resolved in
 * the zone on its own calendar date, so a DST change inside the window does not shift it (an 08:00
 * end is 08:00 local after the change too), and a date-line zone (Pacific/Kiritimati, UTC+14) works
 * like any other. A window end that falls in a DST gap moves forward by the gap, as reminders do.
 */
export function quietHoursRelease(zone: string, window: QuietWindow, atMs: number): number {
  const wall = wallTimeAt(zone, atMs);
  const minute = wall.hour * 60 + wall.minute;
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (start === end) return atMs;
  const spansMidnight = start > end;
  const inside = spansMidnight ? minute >= start || minute < end : minute >= start && minute < end;
  if (!inside) return atMs;
  // Evening part of a window across midnight: the end is on the next calendar day.
  const dayOffset = spansMidnight && minute >= start ? 1 : 0;
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + dayOffset));
  const endWall = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: Math.floor(end / 60), minute: end % 60 };
  return Math.max(atMs, resolveWallTime(zone, endWall).epochMs);
}
