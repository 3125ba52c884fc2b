import { reminderDueAt, resolveWallTime } from '../../../../src/domain';
import { wallClock } from '../fixtures';

describe('reminderDueAt: worked examples', () => {
  test.each([
    // zone, meeting start (UTC), daysBefore, sendAtLocalTime, expected dueAt, adjustment
    ['Europe/Madrid', '2026-03-30T08:00:00Z', 1, null, '2026-03-29T08:00:00.000Z', 'none'], // 10:00 CEST → 10:00 CEST, 24 h
    ['Europe/Madrid', '2026-03-30T08:00:00Z', 2, null, '2026-03-28T09:00:00.000Z', 'none'], // 10:00 CET: 47 h, not 48
    ['Europe/Madrid', '2026-10-26T09:00:00Z', 1, null, '2026-10-25T09:00:00.000Z', 'none'],
    ['Europe/Madrid', '2026-10-26T09:00:00Z', 2, null, '2026-10-24T08:00:00.000Z', 'none'], // 49 h
    ['Europe/Madrid', '2026-03-30T08:00:00Z', 1, '02:30', '2026-03-29T01:30:00.000Z', 'gap'], // sendAt inside the gap → 03:30
    ['Europe/Madrid', '2026-10-26T09:00:00Z', 1, '02:30', '2026-10-25T00:30:00.000Z', 'overlap'],
    ['Europe/Madrid', '2027-03-29T08:00:00Z', 1, '02:30', '2027-03-28T01:30:00.000Z', 'gap'],
    ['Europe/Madrid', '2026-04-20T08:00:00Z', 30, null, '2026-03-21T09:00:00.000Z', 'none'], // 30 days across the change
    ['Europe/Madrid', '2027-01-05T09:00:00Z', 7, null, '2026-12-29T09:00:00.000Z', 'none'], // across a year end
    ['America/New_York', '2026-03-09T14:00:00Z', 1, '02:30', '2026-03-08T07:30:00.000Z', 'gap'],
    ['America/New_York', '2026-03-09T14:00:00Z', 2, null, '2026-03-07T15:00:00.000Z', 'none'],
    ['America/New_York', '2026-03-09T06:30:00Z', 1, null, '2026-03-08T07:30:00.000Z', 'gap'], // the start's own wall time is in the gap
    ['America/New_York', '2026-11-02T15:00:00Z', 1, '01:30', '2026-11-01T05:30:00.000Z', 'overlap'],
    ['America/New_York', '2026-03-12T14:00:00Z', 7, null, '2026-03-05T15:00:00.000Z', 'none'],
    ['America/New_York', '2027-11-08T15:00:00Z', 1, '01:30', '2027-11-07T05:30:00.000Z', 'overlap'],
    ['Australia/Sydney', '2026-10-04T22:00:00Z', 1, null, '2026-10-03T22:00:00.000Z', 'none'], // 09:00 AEDT
    ['Australia/Sydney', '2026-10-04T22:00:00Z', 2, null, '2026-10-02T23:00:00.000Z', 'none'], // 09:00 AEST
    ['Australia/Sydney', '2026-10-04T22:00:00Z', 1, '02:30', '2026-10-03T16:30:00.000Z', 'gap'],
    ['Australia/Sydney', '2027-04-04T23:00:00Z', 1, '02:30', '2027-04-03T15:30:00.000Z', 'overlap'],
    ['Pacific/Chatham', '2026-09-27T20:15:00Z', 1, '03:00', '2026-09-26T14:15:00.000Z', 'gap'],
    ['Pacific/Chatham', '2026-09-27T20:15:00Z', 1, null, '2026-09-26T20:15:00.000Z', 'none'], // 10:00 +13:45
    ['Pacific/Chatham', '2026-09-27T20:15:00Z', 2, null, '2026-09-25T21:15:00.000Z', 'none'], // 10:00 +12:45
    ['Pacific/Chatham', '2027-04-04T21:15:00Z', 1, '03:00', '2027-04-03T13:15:00.000Z', 'overlap'],
    ['Asia/Kolkata', '2026-03-30T04:30:00Z', 1, null, '2026-03-29T04:30:00.000Z', 'none'],
    ['Asia/Kolkata', '2026-12-03T15:00:00Z', 1, null, '2026-12-02T15:00:00.000Z', 'none'],
    ['Pacific/Chatham', '2026-12-03T15:00:00Z', 1, null, '2026-12-02T15:00:00.000Z', 'none'], // start is Dec 4 04:45 there
  ] as const)('%s start %s, %i day(s) before at %s → %s (%s)', (timeZone, start, daysBefore, sendAtLocalTime, dueAt, adjustment) => {
    const result = reminderDueAt({ start, timeZone, daysBefore, sendAtLocalTime });
    expect(result.dueAt).toBe(dueAt);
    expect(result.adjustment).toBe(adjustment);
  });

  test('the recipient zone decides the calendar day, not the meeting zone', () => {
    const start = '2026-12-03T15:00:00Z'; // Dec 3 in New York, Dec 4 in Chatham
    expect(reminderDueAt({ start, timeZone: 'America/New_York', daysBefore: 1, sendAtLocalTime: '09:00' }).dueAt).toBe('2026-12-02T14:00:00.000Z');
    expect(reminderDueAt({ start, timeZone: 'Pacific/Chatham', daysBefore: 1, sendAtLocalTime: '09:00' }).dueAt).toBe('2026-12-02T19:15:00.000Z');
  });
});

// Around every DST change of 2026 and 2027 (Kolkata has none: the control), for each threshold,
// with the start's own time and fixed times, some inside gaps or overlaps. Properties are checked
// with Intl directly, independent of the code under test.
const CHANGES: Record<string, string[]> = {
  'Europe/Madrid': ['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31'],
  'America/New_York': ['2026-03-08', '2026-11-01', '2027-03-14', '2027-11-07'],
  'Australia/Sydney': ['2026-04-05', '2026-10-04', '2027-04-04', '2027-10-03'],
  'Pacific/Chatham': ['2026-04-05', '2026-09-27', '2027-04-04', '2027-09-26'],
  'Asia/Kolkata': ['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31'],
};
const HOUR = 3_600_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 24 * HOUR).toISOString().slice(0, 10);
const matrix = Object.entries(CHANGES).flatMap(([zone, dates]) =>
  dates.flatMap((changeDay) => [1, 2, 7, 30].flatMap((days) => [null, '01:30', '02:30', '03:00', '09:00'].map((sendAt) => [zone, changeDay, days, sendAt] as const))),
);

describe('reminderDueAt: DST matrix', () => {
  test.each(matrix)('%s, reminder on %s, %i day(s) before, at %s', (zone, changeDay, days, sendAt) => {
    const [y, m, d] = addDays(changeDay, days).split('-').map(Number) as [number, number, number];
    const start = new Date(resolveWallTime(zone, { year: y, month: m, day: d, hour: 10, minute: 15 }).epochMs).toISOString();
    const result = reminderDueAt({ start, timeZone: zone, daysBefore: days, sendAtLocalTime: sendAt });
    const due = Date.parse(result.dueAt);
    const requested = sendAt ?? '10:15';
    const seen = wallClock(zone, due);

    expect(seen.date).toBe(changeDay); // calendar days in the recipient's zone
    expect(due).toBeLessThan(Date.parse(start));
    if (result.adjustment === 'gap') {
      // The requested time does not exist that day: shown an hour later (every zone here jumps by 1 h).
      expect(seen.time).not.toBe(requested);
      expect(wallClock(zone, due - HOUR).time).not.toBe(requested);
      const [h, min] = requested.split(':').map(Number) as [number, number];
      expect(seen.time).toBe(`${String(h + 1).padStart(2, '0')}:${String(min).padStart(2, '0')}`);
    } else {
      expect(seen.time).toBe(requested);
    }
    // Overlap: the earlier instant, so the same wall time comes round again one hour later.
    expect(wallClock(zone, due + HOUR).time === requested).toBe(result.adjustment === 'overlap');
    if (zone === 'Asia/Kolkata') expect(result.adjustment).toBe('none');
  });
});
