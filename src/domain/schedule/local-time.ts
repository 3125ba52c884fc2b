import { IANAZone } from 'luxon';

/** A wall-clock date and time in some zone (month 1–12). */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second?: number;
  readonly millisecond?: number;
}

/** How a wall time mapped to an instant: normally, across a DST gap (moved forward) or in an overlap (earlier). */
export type WallTimeAdjustment = 'none' | 'gap' | 'overlap';

/** The instant a wall time resolves to, and how. */
export interface ResolvedWallTime {
  readonly epochMs: number;
  readonly adjustment: WallTimeAdjustment;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Resolves a wall time in an IANA zone to one instant, deterministically:
 * - a wall time that exists once maps to that instant;
 * - in a DST **gap** (the clock jumps over it) it moves forward by the gap length, i.e. it is read
 *   with the offset in force before the jump (02:30 on a 02:00→03:00 morning becomes 03:30);
 * - in an **overlap** (the clock repeats it) it is the **earlier** instant, the first 02:30.
 * Luxon's own `fromObject` picks an overlap instant from an offset guess taken from the current
 * time, which would make reminders depend on when the process started; hence this function.
 */
export function resolveWallTime(zoneName: string, wall: WallTime): ResolvedWallTime {
  const zone = IANAZone.create(zoneName);
  const local = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0, wall.millisecond ?? 0);
  // The offsets a day either side: no zone changes offset twice within two days, so around a
  // transition these are the offsets before and after it, and elsewhere they are equal.
  const offsets = [...new Set([local - DAY, local + DAY].map((t) => zone.offset(t)))];
  const matching = offsets.map((o) => local - o * MINUTE).filter((utc) => zone.offset(utc) * MINUTE === local - utc);
  if (matching.length === 1) return { epochMs: matching[0] ?? local, adjustment: 'none' };
  if (matching.length > 1) return { epochMs: Math.min(...matching), adjustment: 'overlap' };
  // Gap: the offset before the jump is the smaller one; reading the wall time with it lands after the jump.
  return { epochMs: local - Math.min(...offsets) * MINUTE, adjustment: 'gap' };
}

/** The wall time at an instant in a zone. */
export function wallTimeAt(zoneName: string, epochMs: number): Required<WallTime> {
  const zone = IANAZone.create(zoneName);
  const shifted = new Date(epochMs + zone.offset(epochMs) * MINUTE);
  return {
    year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(), minute: shifted.getUTCMinutes(), second: shifted.getUTCSeconds(), millisecond: shifted.getUTCMilliseconds(),
  };
}

/** The calendar date `days` days before (y, m, d), proleptic Gregorian, independent of any zone. */
export function calendarDaysBefore(date: { year: number; month: number; day: number }, days: number): { year: number; month: number; day: number } {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day - days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}
