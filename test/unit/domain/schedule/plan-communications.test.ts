import {
  DEFAULT_SETTINGS, PLAN_REASONS, planCommunications, sendKey,
  type Channel, type CommunicationPlan, type MeetingRecord, type PlannedCommunication, type Settings,
} from '../../../../src/domain';
import { channelModule } from '../../../../src/channels/registry';
import { allOn, record } from '../fixtures';

// The fixture meeting starts 2026-12-03 10:00 EST (15:00Z); booked 2026-11-01; contact in New York.
const NOW = new Date('2026-11-20T12:00:00.000Z');
const REMINDER_2_DAYS = '2026-12-01T15:00:00.000Z';

const find = (plan: CommunicationPlan, type: string, channel: string): PlannedCommunication => {
  const item = plan.find((p) => p.type === type && p.channel === channel);
  if (item === undefined) throw new Error(`no ${type}/${channel} in plan`);
  return item;
};
const summary = (plan: CommunicationPlan) => plan.map((p) => `${p.type}/${p.channel}:${p.status}${p.dueAt ? `@${p.dueAt}` : ''}${p.reason ? ` (${p.reason})` : ''}`);
const planAll = (meeting: MeetingRecord, settings: Settings, now = NOW, ledger: Iterable<string> = [], optedOut: ReadonlySet<Channel> = new Set()) =>
  planCommunications({ meeting, settings, ledger, now, optedOut });
/** The plan's email and SMS rows: what these tests are about (WhatsApp, added later and off in allOn, follows the same rules). */
const plan = (...args: Parameters<typeof planAll>) => planAll(...args).filter((p) => p.channel !== 'whatsapp');

describe('planCommunications', () => {
  test('lists every type × channel with its send key', () => {
    const result = planAll(record({ version: 3 }), allOn());
    expect(result.map((p) => p.sendKey)).toEqual([
      'A-1001|3|confirmation|email', 'A-1001|3|confirmation|sms', 'A-1001|3|confirmation|whatsapp', 'A-1001|3|confirmation|voice', 'A-1001|3|reminder|email',
      'A-1001|3|reminder|sms', 'A-1001|3|reminder|whatsapp', 'A-1001|3|reminder|voice', 'A-1001|3|cancellation|email', 'A-1001|3|cancellation|sms', 'A-1001|3|cancellation|whatsapp', 'A-1001|3|cancellation|voice',
    ]);
    expect(find(result, 'reminder', 'whatsapp')).toMatchObject({ status: 'skipped', reason: 'reminder by whatsapp is turned off' });
    const whatsAppOn = { ...allOn(), reminder: { ...allOn().reminder, whatsapp: true } };
    expect(find(planAll(record(), whatsAppOn), 'reminder', 'whatsapp')).toMatchObject({ status: 'planned', dueAt: REMINDER_2_DAYS });
  });

  test('everything on, scheduled: confirmation due now, reminder planned, no cancellation', () => {
    expect(summary(plan(record(), allOn()))).toEqual([
      `confirmation/email:due@${NOW.toISOString()}`,
      `confirmation/sms:due@${NOW.toISOString()}`,
      'confirmation/voice:skipped (confirmation by voice is turned off)',
      `reminder/email:planned@${REMINDER_2_DAYS}`,
      `reminder/sms:planned@${REMINDER_2_DAYS}`,
      'reminder/voice:skipped (reminder by voice is turned off)',
      `cancellation/email:skipped (${PLAN_REASONS.notCancelled})`,
      `cancellation/sms:skipped (${PLAN_REASONS.notCancelled})`,
      `cancellation/voice:skipped (${PLAN_REASONS.notCancelled})`,
    ]);
  });

  test.each([
    ['defaults (master off)', DEFAULT_SETTINGS, PLAN_REASONS.masterOff],
    ['master off, channels on', { ...allOn(), enabled: false }, PLAN_REASONS.masterOff],
  ])('%s → all skipped', (_label, settings, reason) => {
    expect(plan(record(), settings).every((p) => p.status === 'skipped' && p.reason === reason)).toBe(true);
  });

  test.each([
    ['confirmation', 'email'], ['confirmation', 'sms'], ['reminder', 'email'], ['reminder', 'sms'],
  ] as const)('%s by %s turned off → skipped, the others unaffected', (type, channel) => {
    const base = allOn();
    const settings = { ...base, [type]: { ...base[type], [channel]: false } } as Settings;
    const result = plan(record(), settings);
    expect(find(result, type, channel)).toMatchObject({ status: 'skipped', reason: `${type} by ${channel} is turned off` });
    expect(result.filter((p) => p.status === 'skipped')).toHaveLength(6); // it, the three cancellations, and voice (off in allOn)
  });

  test.each([
    ['email', { email: null }, channelModule('email').noAddressReason],
    ['sms', { phone: null }, channelModule('sms').noAddressReason],
  ] as const)('no address for %s → skipped', (channel, contact, reason) => {
    const meeting = record();
    const result = plan({ ...meeting, contact: { ...meeting.contact, ...contact } }, allOn());
    expect(find(result, 'confirmation', channel)).toMatchObject({ status: 'skipped', reason });
    expect(find(result, 'reminder', channel)).toMatchObject({ status: 'skipped', reason });
  });

  test.each([
    ['v1 confirmations sent, still v1', 1, ['A-1001|1|confirmation|email', 'A-1001|1|confirmation|sms'], 'done'],
    ['v1 confirmations sent, now v2 (time changed)', 2, ['A-1001|1|confirmation|email', 'A-1001|1|confirmation|sms'], 'due'],
  ] as const)('ledger: %s → %s', (_label, version, ledger, status) => {
    const result = plan(record({ version }), allOn(), NOW, ledger);
    expect(find(result, 'confirmation', 'email').status).toBe(status);
    expect(find(result, 'confirmation', 'sms').status).toBe(status);
  });

  test('a send in the ledger stays done even when the settings are now off', () => {
    const key = sendKey({ meetingId: 'A-1001', version: 1, type: 'confirmation', channel: 'email' });
    expect(find(plan(record(), DEFAULT_SETTINGS, NOW, new Set([key])), 'confirmation', 'email').status).toBe('done');
  });

  test.each([
    ['at the start', '2026-12-03T15:00:00.000Z'],
    ['after the start', '2026-12-03T15:10:00.000Z'],
  ])('nothing is due %s', (_label, now) => {
    const cancelled = record({ status: 'cancelled', cancellation: { cancelledAt: now, source: 'api', reason: null } });
    for (const meeting of [record(), cancelled]) {
      expect(plan(meeting, allOn(), new Date(now)).every((p) => p.status === 'skipped')).toBe(true);
    }
  });

  test.each([
    ['api', 'due'], ['link', 'due'], ['sms', 'due'], ['external', 'skipped'],
  ] as const)('cancelled via %s: cancellation notice %s, nothing else', (source, status) => {
    const meeting = record({ status: 'cancelled', cancellation: { cancelledAt: NOW.toISOString(), source, reason: null } });
    const result = plan(meeting, allOn());
    expect(result.filter((p) => p.type === 'cancellation' && p.channel !== 'voice').map((p) => p.status)).toEqual([status, status]);
    expect(result.filter((p) => p.type !== 'cancellation').every((p) => p.status === 'skipped' && p.reason === PLAN_REASONS.cancelled)).toBe(true);
    if (source === 'external') expect(find(result, 'cancellation', 'sms').reason).toBe(PLAN_REASONS.external);
  });

  test('cancellation notice turned off → skipped with the toggle reason', () => {
    const meeting = record({ status: 'cancelled', cancellation: { cancelledAt: NOW.toISOString(), source: 'link', reason: null } });
    const result = plan(meeting, { ...allOn(), cancellation: { email: false, sms: true, whatsapp: false, voice: false } });
    expect(find(result, 'cancellation', 'email')).toMatchObject({ status: 'skipped', reason: 'cancellation by email is turned off' });
    expect(find(result, 'cancellation', 'sms').status).toBe('due');
  });

  test('completed meeting → all skipped', () => {
    expect(plan(record({ status: 'completed' }), allOn()).every((p) => p.reason === PLAN_REASONS.completed)).toBe(true);
  });

  test('an opted-out SMS address → every SMS skipped "opted out"; email unaffected', () => {
    const result = plan(record(), allOn(), NOW, [], new Set<Channel>(['sms']));
    expect(result.filter((p) => p.channel === 'sms').map((p) => [p.type, p.status, p.reason])).toEqual([
      ['confirmation', 'skipped', 'opted out'], ['reminder', 'skipped', 'opted out'], ['cancellation', 'skipped', PLAN_REASONS.notCancelled],
    ]);
    expect(find(result, 'confirmation', 'email').status).toBe('due');
    expect(find(result, 'reminder', 'email').status).toBe('planned');
  });

  test('an opted-out address gets no cancellation notice either', () => {
    const meeting = record({ status: 'cancelled', cancellation: { cancelledAt: NOW.toISOString(), source: 'link', reason: null } });
    expect(find(plan(meeting, allOn(), NOW, [], new Set<Channel>(['sms'])), 'cancellation', 'sms')).toMatchObject({ status: 'skipped', reason: 'opted out' });
  });

  test('a send already in the ledger stays done after an opt-out (it went out before)', () => {
    const key = sendKey({ meetingId: record().meetingId, version: 1, type: 'confirmation', channel: 'sms' });
    expect(find(plan(record(), allOn(), NOW, [key], new Set<Channel>(['sms'])), 'confirmation', 'sms').status).toBe('done');
  });
});
