import {
  PLAN_REASONS, nextWakeUp, planCommunications,
  type CommunicationPlan, type MeetingRecord, type PlannedCommunication, type Settings,
} from '../../../../src/domain';
import { allOn, record } from '../fixtures';

// The fixture meeting starts 2026-12-03 10:00 EST (15:00Z); booked 2026-11-01; contact in New York.
const NOW = new Date('2026-11-20T12:00:00.000Z');
const REMINDER_2_DAYS = '2026-12-01T15:00:00.000Z';

const find = (plan: CommunicationPlan, type: string, channel: string): PlannedCommunication => {
  const item = plan.find((p) => p.type === type && p.channel === channel);
  if (item === undefined) throw new Error(`no ${type}/${channel} in plan`);
  return item;
};
const plan = (meeting: MeetingRecord, settings: Settings, now = NOW, ledger: Iterable<string> = []) => planCommunications({ meeting, settings, ledger, now, optedOut: new Set() });

describe('planCommunications: reminder timing and late bookings', () => {
  // Booked 2026-12-02 09:00Z: one day before a 2-day reminder would be due.
  const late = record({ versionAt: '2026-12-02T09:00:00.000Z' });
  const at = (iso: string) => new Date(iso);

  test.each([
    ['skip', late, at('2026-12-02T09:00:05.000Z'), 'skipped', undefined, PLAN_REASONS.lateSkip],
    ['sendNow', late, at('2026-12-02T09:00:05.000Z'), 'due', '2026-12-02T09:00:05.000Z', PLAN_REASONS.lateSendNow],
    ['sendNow, meeting started', late, at('2026-12-03T15:00:00.000Z'), 'skipped', undefined, PLAN_REASONS.started],
    ['skip, booked exactly at the reminder time', record({ versionAt: REMINDER_2_DAYS }), at(REMINDER_2_DAYS), 'skipped', undefined, PLAN_REASONS.lateSkip],
    ['skip, on-time booking woken exactly on time', record(), at(REMINDER_2_DAYS), 'due', REMINDER_2_DAYS, undefined],
    ['skip, on-time booking woken late (overdue)', record(), at('2026-12-01T15:03:00.000Z'), 'due', REMINDER_2_DAYS, undefined],
    ['skip, one millisecond early', record(), at('2026-12-01T14:59:59.999Z'), 'planned', REMINDER_2_DAYS, undefined],
  ] as const)('lateBooking %s → %s', (rule, meeting, now, status, dueAt, reason) => {
    const lateBooking = rule.startsWith('skip') ? 'skip' : 'sendNow';
    const item = find(plan(meeting, allOn({ lateBooking }), now), 'reminder', 'sms');
    expect(item.status).toBe(status);
    expect(item.dueAt).toBe(dueAt);
    expect(item.reason).toBe(reason);
  });

  test.each([
    [{ daysBefore: 1 }, '2026-12-02T15:00:00.000Z'],
    [{ daysBefore: 7 }, '2026-11-26T15:00:00.000Z'],
    [{ daysBefore: 2, sendAtLocalTime: '09:00' }, '2026-12-01T14:00:00.000Z'],
  ])('settings %j plan the reminder at %s (settings apply to pending reminders)', (reminder, dueAt) => {
    expect(find(plan(record(), allOn(reminder)), 'reminder', 'email')).toMatchObject({ status: 'planned', dueAt });
  });

  test('a reminder moved by a DST gap says so', () => {
    // Madrid contact, meeting Monday 2026-03-30 10:00 CEST; reminder Sunday 02:30, which does not exist.
    const meeting = record({ start: '2026-03-30T08:00:00.000Z', end: '2026-03-30T08:30:00.000Z', versionAt: '2026-03-01T00:00:00.000Z' });
    const madrid = { ...meeting, contact: { ...meeting.contact, timeZone: 'Europe/Madrid' } };
    const item = find(plan(madrid, allOn({ daysBefore: 1, sendAtLocalTime: '02:30' }), at('2026-03-20T00:00:00Z')), 'reminder', 'email');
    expect(item).toMatchObject({ status: 'planned', dueAt: '2026-03-29T01:30:00.000Z' });
    expect(item.reason).toMatch(/2026-03-29 02:30 does not exist in Europe\/Madrid/);
  });
});

describe('nextWakeUp', () => {
  const item = (status: PlannedCommunication['status'], dueAt?: string): PlannedCommunication =>
    ({ type: 'reminder', channel: 'sms', status, sendKey: 'k', ...(dueAt ? { dueAt } : {}) });

  test.each([
    ['nothing planned', [item('skipped'), item('done')], undefined],
    ['only due items (they are for now, not a wake-up)', [item('due', '2026-01-01T00:00:00.000Z')], undefined],
    ['earliest planned', [item('planned', '2026-12-01T15:00:00.000Z'), item('planned', '2026-11-30T09:00:00.000Z'), item('due', '2026-01-01T00:00:00.000Z')], '2026-11-30T09:00:00.000Z'],
  ])('%s → %s', (_label, items, expected) => {
    expect(nextWakeUp(items)).toBe(expected);
  });

  test('from a real plan: the reminder time', () => {
    expect(nextWakeUp(planCommunications({ meeting: record(), settings: allOn(), ledger: [], now: NOW, optedOut: new Set() }))).toBe(REMINDER_2_DAYS);
  });
});
