import { resolveWallTime } from '../../../../src/domain';

const wall = (date: string, time: string) => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return { year, month, day, hour, minute };
};

// Expected instants worked out by hand from each zone's 2026/2027 rules (and checked against Intl).
describe('resolveWallTime', () => {
  test.each([
    // zone, local date, local time, expected UTC, adjustment
    ['Europe/Madrid', '2026-03-29', '01:59', '2026-03-29T00:59:00.000Z', 'none'],
    ['Europe/Madrid', '2026-03-29', '02:30', '2026-03-29T01:30:00.000Z', 'gap'], // → 03:30 CEST
    ['Europe/Madrid', '2026-03-29', '03:00', '2026-03-29T01:00:00.000Z', 'none'],
    ['Europe/Madrid', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z', 'overlap'], // first 02:30 (CEST)
    ['Europe/Madrid', '2026-10-25', '03:00', '2026-10-25T02:00:00.000Z', 'none'],
    ['Europe/Madrid', '2027-03-28', '02:30', '2027-03-28T01:30:00.000Z', 'gap'],
    ['Europe/Madrid', '2027-10-31', '02:30', '2027-10-31T00:30:00.000Z', 'overlap'],
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30:00.000Z', 'gap'], // → 03:30 EDT
    ['America/New_York', '2026-03-08', '01:59', '2026-03-08T06:59:00.000Z', 'none'],
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z', 'overlap'], // first 01:30 (EDT)
    ['America/New_York', '2026-11-01', '02:00', '2026-11-01T07:00:00.000Z', 'none'],
    ['America/New_York', '2027-03-14', '02:30', '2027-03-14T07:30:00.000Z', 'gap'],
    ['America/New_York', '2027-11-07', '01:30', '2027-11-07T05:30:00.000Z', 'overlap'],
    ['Australia/Sydney', '2026-04-05', '02:30', '2026-04-04T15:30:00.000Z', 'overlap'], // first 02:30 (AEDT)
    ['Australia/Sydney', '2026-10-04', '02:30', '2026-10-03T16:30:00.000Z', 'gap'], // → 03:30 AEDT
    ['Australia/Sydney', '2027-04-04', '02:30', '2027-04-03T15:30:00.000Z', 'overlap'],
    ['Australia/Sydney', '2027-10-03', '02:30', '2027-10-02T16:30:00.000Z', 'gap'],
    ['Pacific/Chatham', '2026-04-05', '03:00', '2026-04-04T13:15:00.000Z', 'overlap'], // first 03:00 (+13:45)
    ['Pacific/Chatham', '2026-04-05', '02:30', '2026-04-04T12:45:00.000Z', 'none'], // before the repeated hour (02:45–03:45)
    ['Pacific/Chatham', '2026-09-27', '03:00', '2026-09-26T14:15:00.000Z', 'gap'], // → 04:00 +13:45
    ['Pacific/Chatham', '2026-09-27', '02:30', '2026-09-26T13:45:00.000Z', 'none'], // before the gap
    ['Pacific/Chatham', '2027-04-04', '03:00', '2027-04-03T13:15:00.000Z', 'overlap'],
    ['Pacific/Chatham', '2027-09-26', '03:00', '2027-09-25T14:15:00.000Z', 'gap'],
    ['Asia/Kolkata', '2026-03-29', '02:30', '2026-03-28T21:00:00.000Z', 'none'],
    ['Asia/Kolkata', '2026-10-25', '02:30', '2026-10-24T21:00:00.000Z', 'none'],
    ['UTC', '2026-03-29', '02:30', '2026-03-29T02:30:00.000Z', 'none'],
  ])('%s %s %s → %s (%s)', (zone, date, time, expected, adjustment) => {
    const resolved = resolveWallTime(zone, wall(date, time));
    expect(new Date(resolved.epochMs).toISOString()).toBe(expected);
    expect(resolved.adjustment).toBe(adjustment);
  });
});
