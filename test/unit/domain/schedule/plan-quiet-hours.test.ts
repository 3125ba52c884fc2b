import {
  planCommunications, quietHoursHoldReason, quietHoursSkipReason,
  type CommunicationPlan, type MeetingRecord, type PlannedCommunication, type Settings,
} from '../../../../src/domain';
import { allOn, meeting, record } from '../fixtures';

const QUIET = { enabled: true, start: '21:00', end: '08:00' } as const;
const quiet = (reminder: Partial<Settings['reminder']> = {}): Settings => ({ ...allOn(reminder), quietHours: QUIET });
const plan = (m: MeetingRecord, settings: Settings, now: string): CommunicationPlan =>
  planCommunications({ meeting: m, settings, ledger: [], now: new Date(now), optedOut: new Set() });
const find = (p: CommunicationPlan, type: string, channel = 'sms'): PlannedCommunication => {
  const item = p.find((i) => i.type === type && i.channel === channel);
  if (item === undefined) throw new Error(`no ${type}/${channel}`);
  return item;
};
/** A meeting whose contact (and meeting) is in `zone`, starting at `start`, booked long before. */
const inZone = (zone: string, start: string, overrides: Partial<MeetingRecord> = {}): MeetingRecord => {
  const base = meeting();
  return record({ start, end: new Date(Date.parse(start) + 1_800_000).toISOString(), timeZone: zone, contact: { ...base.contact, timeZone: zone }, ...overrides });
};
const NY = 'America/New_York';
const HOLD_NY = quietHoursHoldReason('21:00', '08:00', NY);

describe('planCommunications with quiet hours (21:00–08:00 in the recipient\'s zone)', () => {
  test('a reminder due at 22:00 is planned for 08:00 the next morning, with the reason', () => {
    // Meeting 2026-12-03 10:00 EST; reminder 2 days before at 22:00 → 2026-12-01 22:00 EST.
    const result = plan(record(), quiet({ sendAtLocalTime: '22:00' }), '2026-11-20T12:00:00.000Z');
    for (const channel of ['email', 'sms']) {
      expect(find(result, 'reminder', channel)).toMatchObject({ status: 'planned', dueAt: '2026-12-02T13:00:00.000Z', reason: HOLD_NY });
    }
  });

  test('quiet hours off: the same reminder keeps 22:00', () => {
    const result = plan(record(), allOn({ sendAtLocalTime: '22:00' }), '2026-11-20T12:00:00.000Z');
    expect(find(result, 'reminder')).toMatchObject({ status: 'planned', dueAt: '2026-12-02T03:00:00.000Z' });
  });

  test('a reminder whose quiet hours end after the start is skipped with the reason', () => {
    // Meeting 2026-12-03 07:30 EST; reminder 1 day before at 23:00 would wait until 08:00 on the 3rd.
    const m = inZone(NY, '2026-12-03T12:30:00.000Z');
    const result = plan(m, quiet({ daysBefore: 1, sendAtLocalTime: '23:00' }), '2026-11-20T12:00:00.000Z');
    expect(find(result, 'reminder')).toMatchObject({ status: 'skipped', reason: quietHoursSkipReason('21:00', '08:00', NY) });
    expect(find(result, 'reminder').dueAt).toBeUndefined();
  });

  test('a booking confirmed at 23:00 waits until 08:00; its cancellation notice at 23:00 goes at once', () => {
    const now = '2026-12-01T04:00:00.000Z'; // 2026-11-30 23:00 EST
    const booked = record({ versionAt: now });
    expect(find(plan(booked, quiet(), now), 'confirmation', 'email')).toMatchObject({ status: 'planned', dueAt: '2026-12-01T13:00:00.000Z', reason: HOLD_NY });
    const cancelled = record({ status: 'cancelled', versionAt: now, cancellation: { source: 'api', cancelledAt: now, reason: null } });
    expect(find(plan(cancelled, quiet(), now), 'cancellation')).toMatchObject({ status: 'due', dueAt: now });
  });

  test('at the end of the window the held confirmation is due (the orchestration wakes then and sends)', () => {
    const booked = record({ versionAt: '2026-12-01T04:00:00.000Z' });
    expect(find(plan(booked, quiet(), '2026-12-01T13:00:00.000Z'), 'confirmation')).toMatchObject({ status: 'due', dueAt: '2026-12-01T13:00:00.000Z' });
  });

  test('a confirmation for a meeting that starts before the window ends is skipped', () => {
    const now = '2026-12-01T04:00:00.000Z'; // 23:00 EST, meeting at 07:00 EST the next morning
    const m = inZone(NY, '2026-12-01T12:00:00.000Z', { versionAt: now });
    expect(find(plan(m, quiet(), now), 'confirmation')).toMatchObject({ status: 'skipped', reason: quietHoursSkipReason('21:00', '08:00', NY) });
  });

  test('a late booking sent now (lateBooking sendNow) at 02:00 waits for 08:00 too', () => {
    const now = '2026-12-02T07:00:00.000Z'; // 02:00 EST on the 2nd, meeting on the 3rd at 10:00: inside the 2-day threshold
    const m = record({ versionAt: now });
    expect(find(plan(m, quiet({ lateBooking: 'sendNow' }), now), 'reminder')).toMatchObject({ status: 'planned', dueAt: '2026-12-02T13:00:00.000Z' });
  });

  test.each([
    // zone, meeting start (UTC), reminder 1 day before at 06:00 local → held to 08:00 local on that day
    ['America/New_York', '2026-03-09T14:00:00.000Z', '2026-03-08T12:00:00.000Z', 'spring forward night: 08:00 EDT'],
    ['America/New_York', '2026-11-02T15:00:00.000Z', '2026-11-01T13:00:00.000Z', 'fall back night: 08:00 EST'],
    ['Europe/Madrid', '2026-03-30T07:00:00.000Z', '2026-03-29T06:00:00.000Z', 'spring forward night: 08:00 CEST'],
    ['Europe/Madrid', '2026-10-26T08:00:00.000Z', '2026-10-25T07:00:00.000Z', 'fall back night: 08:00 CET'],
    ['Pacific/Kiritimati', '2026-12-03T20:00:00.000Z', '2026-12-02T18:00:00.000Z', 'UTC+14: 08:00 on the 3rd local'],
    ['Pacific/Pago_Pago', '2026-12-03T21:00:00.000Z', '2026-12-02T19:00:00.000Z', 'UTC−11: 08:00 on the 2nd local'],
  ])('%s, meeting %s: a 06:00 reminder is planned for %s (%s)', (zone, start, expected) => {
    const result = plan(inZone(zone, start, { versionAt: '2025-12-01T00:00:00.000Z' }), quiet({ daysBefore: 1, sendAtLocalTime: '06:00' }), '2025-12-02T00:00:00.000Z');
    expect(find(result, 'reminder')).toMatchObject({ status: 'planned', dueAt: expected, reason: quietHoursHoldReason('21:00', '08:00', zone) });
  });
});
