import { calendarDaysBefore, resolveWallTime, wallTimeAt, type WallTimeAdjustment } from './local-time';

/** Inputs of {@link reminderDueAt}. */
export interface ReminderTimeInput {
  /** The meeting start (ISO 8601 with offset). */
  readonly start: string;
  /** The recipient's IANA zone (the contact's `timeZone`). */
  readonly timeZone: string;
  /** Calendar days before the start's date in the recipient's zone (1–30). */
  readonly daysBefore: number;
  /** `HH:mm` in the recipient's zone, or null for the start's own wall time. */
  readonly sendAtLocalTime: string | null;
}

/** When a reminder is due, in UTC, and whether DST moved it. */
export interface ReminderTime {
  readonly dueAt: string;
  readonly adjustment: WallTimeAdjustment;
  /** The wall time that was asked for, `YYYY-MM-DD HH:mm`, for explanations. */
  readonly requestedLocal: string;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * The reminder instant: take the start's calendar date in the recipient's zone, go back `daysBefore`
 * calendar days, and take the start's wall time (or `sendAtLocalTime`) on that date in that zone.
 * Across a DST change this is not a multiple of 24 hours. A wall time that does not exist (gap) moves
 * forward by the gap length; one that exists twice (overlap) is the earlier instant.
 */
export function reminderDueAt(input: ReminderTimeInput): ReminderTime {
  const startWall = wallTimeAt(input.timeZone, Date.parse(input.start));
  const date = calendarDaysBefore(startWall, input.daysBefore);
  const [hour, minute] = input.sendAtLocalTime === null
    ? [startWall.hour, startWall.minute]
    : input.sendAtLocalTime.split(':').map(Number) as [number, number];
  const second = input.sendAtLocalTime === null ? startWall.second : 0;
  const millisecond = input.sendAtLocalTime === null ? startWall.millisecond : 0;
  const resolved = resolveWallTime(input.timeZone, { ...date, hour, minute, second, millisecond });
  return {
    dueAt: new Date(resolved.epochMs).toISOString(),
    adjustment: resolved.adjustment,
    requestedLocal: `${date.year}-${pad(date.month)}-${pad(date.day)} ${pad(hour)}:${pad(minute)}`,
  };
}
