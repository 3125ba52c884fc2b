import { planMeetingStep } from '../../../src/activities/plan-meeting-step';
import { sendKey, type Channel, type CommunicationType, type MeetingRecord } from '../../../src/domain';
import type { About } from '../../../src/ports/dispatch';
import { fakeDeps, type FakeDeps } from '../../fakes/fake-deps';
import { FakeSettingsStore } from '../../fakes/fake-settings-store';
import { allOn, record } from '../domain/fixtures';

// The fixture meeting starts 2026-12-03T15:00Z (10:00 in New York); with allOn() its reminder is
// due two days before at the same local time. The clock starts on 2026-11-20.
const START = '2026-12-03T15:00:00.000Z';
const REMINDER_DUE = '2026-12-01T15:00:00.000Z';
const about: About = { kind: 'meeting', id: 'A-1001' };
const key = (type: CommunicationType, channel: Channel, version = 1): string => sendKey({ meetingId: 'A-1001', version, type, channel });
const cancelled: Partial<MeetingRecord> = { status: 'cancelled', cancellation: { cancelledAt: '2026-11-19T09:00:00.000Z', source: 'api', reason: null } };

async function setup(meeting: Partial<MeetingRecord> = {}, settings = allOn()): Promise<FakeDeps> {
  const deps = fakeDeps({ settings: new FakeSettingsStore(settings) });
  await deps.meetings.create(record(meeting));
  return deps;
}

async function recordSent(deps: FakeDeps, type: CommunicationType, channel: Channel): Promise<void> {
  await deps.ledger.claim({ sendKey: key(type, channel), about, type, channel, plannedFor: null }, deps.clock.now());
  await deps.ledger.markSent(about, key(type, channel), 'msg', deps.clock.now());
}

/** A claim waiting for its retry at `retryAt` (the provider was unavailable). */
async function deferred(deps: FakeDeps, type: CommunicationType, channel: Channel, retryAt: string): Promise<string> {
  await deps.ledger.claim({ sendKey: key(type, channel), about, type, channel, plannedFor: null }, deps.clock.now());
  await deps.ledger.markDeferred(about, key(type, channel), { retryAt, reason: 'fake: unavailable (HTTP 503)' }, deps.clock.now());
  return key(type, channel);
}

const ref = { meetingId: 'A-1001' };

describe('planMeetingStep', () => {
  test('a new meeting: its confirmations are due', async () => {
    const deps = await setup();
    expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'send', sendKeys: [key('confirmation', 'email'), key('confirmation', 'sms')] });
  });

  test('confirmations sent: sleep until a minute before the reminders are due (their senders are paced)', async () => {
    const deps = await setup();
    await recordSent(deps, 'confirmation', 'email');
    await recordSent(deps, 'confirmation', 'sms');
    expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'sleep', until: '2026-12-01T14:59:00.000Z' });
  });

  test('within that minute: each reminder gets its slot reserved (never before it is due), lined up for the end of the sleep', async () => {
    const deps = await setup();
    await recordSent(deps, 'confirmation', 'email');
    await recordSent(deps, 'confirmation', 'sms');
    deps.clock.set('2026-12-01T14:59:30.000Z');
    // Another send already holds the SMS sender's first slot at the due time: this reminder's slot follows it.
    await deps.pacer.reserve({ sender: 'sms:fake', perMinute: 200, lane: 'normal', notBefore: new Date(REMINDER_DUE) }, deps.clock.now());
    const step = await planMeetingStep(deps, ref);
    expect(step).toEqual({
      kind: 'sleep', until: REMINDER_DUE,
      then: [{ sendKey: key('reminder', 'email'), slot: REMINDER_DUE }, { sendKey: key('reminder', 'sms'), slot: new Date(Date.parse(REMINDER_DUE) + 300).toISOString() }],
    });
  });

  test('a channel that is not paced (the local outbox) is lined up for its due time, however far off', async () => {
    const deps = await setup();
    await recordSent(deps, 'confirmation', 'email');
    await recordSent(deps, 'confirmation', 'sms');
    Object.assign(deps.config, { SEND_RATES: { byChannel: {}, bySender: {} } });
    expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'sleep', until: REMINDER_DUE, then: [{ sendKey: key('reminder', 'email') }, { sendKey: key('reminder', 'sms') }] });
  });

  test('at the reminder time the reminders are due; once sent, sleep until the start', async () => {
    const deps = await setup();
    await recordSent(deps, 'confirmation', 'email');
    await recordSent(deps, 'confirmation', 'sms');
    deps.clock.set(REMINDER_DUE);
    expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'send', sendKeys: [key('reminder', 'email'), key('reminder', 'sms')] });
    await recordSent(deps, 'reminder', 'email');
    await recordSent(deps, 'reminder', 'sms');
    expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'sleep', until: START });
  });

  test('nothing turned on: sleep until the start', async () => {
    const deps = await setup({}, { ...allOn(), enabled: false });
    expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'sleep', until: START });
  });

  test('done when the meeting is not found, cancelled (nothing left to send) or completed', async () => {
    expect(await planMeetingStep(fakeDeps(), ref)).toEqual({ kind: 'done', reason: 'meeting not found' });
    expect(await planMeetingStep(await setup(cancelled, { ...allOn(), cancellation: { email: false, sms: false, whatsapp: false, voice: false } }), ref)).toEqual({ kind: 'done', reason: 'cancelled' });
    expect(await planMeetingStep(await setup({ status: 'completed' }), ref)).toEqual({ kind: 'done', reason: 'completed' });
  });

  test('a cancelled meeting sends its cancellation notices first, then is done', async () => {
    const deps = await setup(cancelled);
    expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'send', sendKeys: [key('cancellation', 'email'), key('cancellation', 'sms')] });
    await recordSent(deps, 'cancellation', 'email');
    await recordSent(deps, 'cancellation', 'sms');
    expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'done', reason: 'cancelled' });
  });

  test('a scheduled meeting at its start becomes completed, and the step is done', async () => {
    const deps = await setup();
    deps.clock.set(START);
    expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'done', reason: 'started' });
    expect((await deps.meetings.get('A-1001'))?.record.status).toBe('completed');
    expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'done', reason: 'completed' });
  });

  test('completing loses to a concurrent write: plan again at once, nothing overwritten', async () => {
    const deps = await setup();
    deps.clock.set(START);
    deps.meetings.onNextReplace(() => deps.meetings.concurrentWrite(record(cancelled)));
    expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'sleep', until: START });
    expect((await deps.meetings.get('A-1001'))?.record.status).toBe('cancelled');
  });

  describe('deferred claims (claimed, with retryAt)', () => {
    async function confirmed(): Promise<FakeDeps> {
      const deps = await setup();
      await recordSent(deps, 'confirmation', 'sms');
      return deps;
    }

    test('one whose retry time is still ahead sets the wake-up time, before the reminder', async () => {
      const deps = await confirmed();
      await deferred(deps, 'confirmation', 'email', '2026-11-20T09:02:00.000Z');
      expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'sleep', until: '2026-11-20T09:02:00.000Z' });
    });

    test('one whose retry time has come is sent', async () => {
      const deps = await confirmed();
      const waiting = await deferred(deps, 'confirmation', 'email', '2026-11-20T09:02:00.000Z');
      deps.clock.set('2026-11-20T09:02:00.000Z');
      expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'send', sendKeys: [waiting] });
    });

    test('a retry time after the start does not keep the meeting from completing at its start', async () => {
      const deps = await confirmed();
      await recordSent(deps, 'reminder', 'sms');
      await recordSent(deps, 'reminder', 'email');
      await deferred(deps, 'confirmation', 'email', '2026-12-04T00:00:00.000Z');
      expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'sleep', until: START });
    });

    test('of a cancelled meeting: sent at once, so that the send records why it did not go out', async () => {
      const deps = await confirmed();
      const waiting = await deferred(deps, 'confirmation', 'email', '2026-11-20T10:00:00.000Z');
      const stored = await deps.meetings.get('A-1001');
      await deps.meetings.replace(record(cancelled), stored?.etag ?? '');
      const step = await planMeetingStep(deps, ref);
      expect(step).toEqual({ kind: 'send', sendKeys: [key('cancellation', 'email'), key('cancellation', 'sms'), waiting] });
    });

    test('a claim mid-send (no retryAt) is not deferred: the planner leaves it to its running send', async () => {
      const deps = await setup(cancelled, { ...allOn(), cancellation: { email: false, sms: false, whatsapp: false, voice: false } });
      await deps.ledger.claim({ sendKey: key('confirmation', 'email'), about, type: 'confirmation', channel: 'email', plannedFor: null }, deps.clock.now());
      expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'done', reason: 'cancelled' });
    });

    test('of a meeting that has started: sent at once, before the meeting is completed', async () => {
      const deps = await confirmed();
      const waiting = await deferred(deps, 'reminder', 'email', '2026-12-03T16:00:00.000Z');
      deps.clock.set(START);
      expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'send', sendKeys: [waiting] });
      expect((await deps.meetings.get('A-1001'))?.record.status).toBe('scheduled');
    });

    test('of an older version: sent at once, so that the send drops it (the new version has its own)', async () => {
      const deps = await confirmed();
      const waiting = await deferred(deps, 'reminder', 'email', '2026-12-01T16:00:00.000Z');
      const stored = await deps.meetings.get('A-1001');
      await deps.meetings.replace({ ...(stored?.record ?? record()), version: 2 }, stored?.etag ?? '');
      const step = await planMeetingStep(deps, ref);
      expect(step.kind).toBe('send');
      expect(step.kind === 'send' && step.sendKeys).toContain(waiting);
    });

    test('a deferred cancellation notice keeps its retry time after the meeting is cancelled, and is not forgotten', async () => {
      const deps = await setup(cancelled, { ...allOn(), cancellation: { email: true, sms: false, whatsapp: false, voice: false } });
      await deferred(deps, 'cancellation', 'email', '2026-11-20T10:00:00.000Z');
      expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'sleep', until: '2026-11-20T10:00:00.000Z' });
      deps.clock.set('2026-11-20T10:00:00.000Z');
      expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'send', sendKeys: [key('cancellation', 'email')] });
    });
  });
});
