import { quietHoursRelease } from '../../../../src/domain';

const NIGHT = { start: '21:00', end: '08:00' };
const release = (zone: string, at: string, window = NIGHT): string => new Date(quietHoursRelease(zone, window, Date.parse(at))).toISOString();

describe('quietHoursRelease (21:00–08:00 unless stated)', () => {
  test.each([
    // zone, due (UTC), release (UTC), why
    ['America/New_York', '2026-12-01T17:00:00.000Z', '2026-12-01T17:00:00.000Z', '12:00 EST: outside, unchanged'],
    ['America/New_York', '2026-12-02T13:00:00.000Z', '2026-12-02T13:00:00.000Z', '08:00 EST exactly: the end is not inside'],
    ['America/New_York', '2026-12-02T02:00:00.000Z', '2026-12-02T13:00:00.000Z', '21:00 EST exactly: held to the next 08:00'],
    ['America/New_York', '2026-12-02T09:00:00.000Z', '2026-12-02T13:00:00.000Z', '04:00 EST: held to the same day\'s 08:00'],
    ['America/New_York', '2026-03-08T03:00:00.000Z', '2026-03-08T12:00:00.000Z', 'spring forward: 22:00 EST → 08:00 EDT, 9 wall hours in 9 − 1 real ones'],
    ['America/New_York', '2026-11-01T03:00:00.000Z', '2026-11-01T13:00:00.000Z', 'fall back: 23:00 EDT → 08:00 EST, 11 real hours'],
    ['America/New_York', '2026-11-01T05:30:00.000Z', '2026-11-01T13:00:00.000Z', 'fall back: the first 01:30 (EDT) → 08:00 EST'],
    ['America/New_York', '2026-11-01T06:30:00.000Z', '2026-11-01T13:00:00.000Z', 'fall back: the second 01:30 (EST) → 08:00 EST'],
    ['Europe/Madrid', '2026-03-28T20:30:00.000Z', '2026-03-29T06:00:00.000Z', 'spring forward: 21:30 CET → 08:00 CEST'],
    ['Europe/Madrid', '2026-10-25T00:30:00.000Z', '2026-10-25T07:00:00.000Z', 'fall back: 02:30 CEST → 08:00 CET'],
    ['Europe/Madrid', '2026-10-24T19:30:00.000Z', '2026-10-25T07:00:00.000Z', 'fall back overnight: 21:30 CEST → 08:00 CET, 11.5 real hours'],
    ['Europe/Madrid', '2026-10-24T18:30:00.000Z', '2026-10-24T18:30:00.000Z', '20:30 CEST (18:30Z): outside'],
  ])('%s at %s → %s (%s)', (zone, at, expected) => {
    expect(release(zone, at)).toBe(expected);
  });
});

describe('quietHoursRelease across the international date line', () => {
  // 2026-12-02T09:00Z is 23:00 on the 2nd in Kiritimati (UTC+14) and 22:00 on the 1st in Pago Pago (UTC−11).
  const AT = '2026-12-02T09:00:00.000Z';

  test('Pacific/Kiritimati: held to 08:00 on its own next day (the 3rd local, 18:00Z on the 2nd)', () => {
    expect(release('Pacific/Kiritimati', AT)).toBe('2026-12-02T18:00:00.000Z');
  });

  test('Pacific/Pago_Pago: held to 08:00 on the 2nd local (19:00Z on the 2nd)', () => {
    expect(release('Pacific/Pago_Pago', AT)).toBe('2026-12-02T19:00:00.000Z');
  });

  test('the same instant at 10:00 local in Kiritimati is outside, at 09:00 in Pago Pago too', () => {
    expect(release('Pacific/Kiritimati', '2026-12-01T20:00:00.000Z')).toBe('2026-12-01T20:00:00.000Z');
    expect(release('Pacific/Pago_Pago', '2026-12-02T20:00:00.000Z')).toBe('2026-12-02T20:00:00.000Z');
  });
});

describe('quietHoursRelease with a window inside one day', () => {
  const LUNCH = { start: '12:00', end: '14:00' };

  test.each([
    ['2026-12-01T16:59:00.000Z', '2026-12-01T16:59:00.000Z'], // 11:59 EST
    ['2026-12-01T17:00:00.000Z', '2026-12-01T19:00:00.000Z'], // 12:00 → 14:00
    ['2026-12-01T18:59:00.000Z', '2026-12-01T19:00:00.000Z'], // 13:59 → 14:00
    ['2026-12-01T19:00:00.000Z', '2026-12-01T19:00:00.000Z'], // 14:00: out
  ])('New York %s → %s', (at, expected) => {
    expect(release('America/New_York', at, LUNCH)).toBe(expected);
  });

  test('an end inside a DST gap moves forward by the gap (01:00–02:30 on 8 March 2026 in New York → 03:30 EDT)', () => {
    expect(release('America/New_York', '2026-03-08T06:30:00.000Z', { start: '01:00', end: '02:30' })).toBe('2026-03-08T07:30:00.000Z');
  });
});
