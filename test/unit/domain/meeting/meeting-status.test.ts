import { cancelMeetingRecord, transitionStatus, type CancellationSource, type MeetingStatus } from '../../../../src/domain';
import { record } from '../fixtures';

describe('transitionStatus', () => {
  test.each([
    ['scheduled', 'cancelled', true, true],
    ['scheduled', 'completed', true, true],
    ['scheduled', 'scheduled', true, false],
    ['cancelled', 'cancelled', true, false],
    ['completed', 'completed', true, false],
    ['cancelled', 'scheduled', false, false],
    ['cancelled', 'completed', false, false],
    ['completed', 'scheduled', false, false],
    ['completed', 'cancelled', false, false],
  ] as const)('%s → %s: ok %s, changed %s', (from: MeetingStatus, to: MeetingStatus, ok, changed) => {
    const result = transitionStatus(from, to);
    expect(result.ok).toBe(ok);
    if (result.ok) expect(result.value).toEqual({ status: to, changed });
    else expect(result.errors).toEqual([{ path: 'status', code: 'final', message: `the meeting is already ${from}` }]);
  });
});

describe('cancelMeetingRecord', () => {
  const before = new Date('2026-12-01T10:00:00.000Z');
  const afterStart = new Date('2026-12-03T15:00:00.000Z');

  test.each([
    ['api', before, true, undefined],
    ['link', before, true, undefined],
    ['sms', before, true, undefined],
    ['external', before, true, undefined],
    ['api', afterStart, false, 'started'],
    ['external', afterStart, true, undefined],
  ] as const)('scheduled, source %s at %s → ok %s', (source: CancellationSource, now, ok, code) => {
    const result = cancelMeetingRecord(record(), { now, source, reason: '  Sick  ' });
    expect(result.ok).toBe(ok);
    if (result.ok) {
      expect(result.value.changed).toBe(true);
      expect(result.value.record).toMatchObject({ status: 'cancelled', version: 1, cancellation: { cancelledAt: now.toISOString(), source, reason: 'Sick' } });
    } else {
      expect(result.errors[0]?.code).toBe(code);
    }
  });

  test('a repeat is harmless: unchanged, no new cancellation time', () => {
    const cancelled = record({ status: 'cancelled', cancellation: { cancelledAt: '2026-11-30T00:00:00.000Z', source: 'api', reason: null } });
    expect(cancelMeetingRecord(cancelled, { now: before, source: 'link' })).toEqual({ ok: true, value: { record: cancelled, changed: false } });
  });

  test('a completed meeting cannot be cancelled', () => {
    const result = cancelMeetingRecord(record({ status: 'completed' }), { now: before, source: 'api' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]?.code).toBe('final');
  });

  test('a blank reason is stored as null', () => {
    const result = cancelMeetingRecord(record(), { now: before, source: 'api', reason: '  ' });
    expect(result.ok && result.value.record.cancellation?.reason).toBeNull();
  });
});
