import { MAX_INLINE_WAIT_MS, PACED_REASON, STALE_RESERVATION_MS } from '../../../../src/app/dispatch/pace-send';
import type { PendingSend } from '../../../../src/app/dispatch/pending-send';
import { DEFERRAL_POLICY } from '../../../../src/app/dispatch/send-outcome';
import { sendOnce } from '../../../../src/app/dispatch/send-once';
import { sendDispatch } from '../../../../src/activities/send-dispatch';
import { ok, quietHoursHoldReason, sendKey, slotIntervalMs } from '../../../../src/domain';
import type { About } from '../../../../src/ports/dispatch';
import { fakeDeps, type FakeDeps } from '../../../fakes/fake-deps';
import { FakeSettingsStore } from '../../../fakes/fake-settings-store';
import { allOn, record } from '../../domain/fixtures';

// The fakes' SMS sender is "fake" at the default SEND_RATES: sms=200/min, one slot every 300 ms.
const SMS_INTERVAL = slotIntervalMs(200);
const about: About = { kind: 'meeting', id: 'A-1' };

/** A send of `type` by SMS with key `key`; nothing to check again, a fixed text. */
const pendingSms = (key: string, type = 'reminder'): PendingSend => ({
  about, key, type, channel: 'sms', plannedFor: null,
  recheck: async () => undefined,
  compose: async () => ok({ to: '+14255550123', content: { channel: 'sms', text: 'Reminder' } }),
});

/** `count` reminders asked at the same instant (more than a second of slots, so the tail is deferred). */
async function burst(deps: FakeDeps, count: number) {
  const outcomes = [];
  for (let i = 0; i < count; i++) outcomes.push(await sendOnce(deps, pendingSms(`r${i}`)));
  return outcomes;
}

/** Fakes whose clock never moves on its own: sleeps inside the activity are recorded, not waited. */
function pacedDeps(): FakeDeps {
  const deps = fakeDeps();
  // A wait inside the activity happens in real time on Azure; here it is recorded and time stays, so
  // every reminder of the burst asks at the same instant.
  deps.clock.sleep = async (ms: number) => void deps.clock.sleeps.push(ms);
  return deps;
}

describe('the send core asks the sender\'s pacer before every provider call', () => {
  test('an idle sender sends at once; a burst beyond the next second is deferred to its reserved slots, in order', async () => {
    const deps = pacedDeps();
    const outcomes = await burst(deps, 10);
    const sentAtOnce = Math.floor(MAX_INLINE_WAIT_MS / SMS_INTERVAL) + 1;
    expect(outcomes.slice(0, sentAtOnce).every((o) => o.status === 'sent')).toBe(true);
    const deferred = outcomes.slice(sentAtOnce);
    expect(deferred.every((o) => o.status === 'deferred' && o.reason === PACED_REASON)).toBe(true);
    const retryTimes = deferred.map((o) => (o.status === 'deferred' ? o.retryAt : ''));
    expect([...retryTimes].sort()).toEqual(retryTimes);
    expect(new Set(retryTimes).size).toBe(retryTimes.length);
    expect(deps.senders.sms.dispatches).toHaveLength(sentAtOnce);
    // Waiting for a slot is no failed attempt.
    for (let i = sentAtOnce; i < 10; i++) expect(await deps.ledger.get(about, `r${i}`)).toMatchObject({ status: 'claimed', attempts: 0, reason: PACED_REASON });
  });

  test('a deferred send woken at its slot uses its reservation: sent without asking again', async () => {
    const deps = pacedDeps();
    const outcomes = await burst(deps, 6);
    const last = outcomes.at(-1);
    if (last?.status !== 'deferred') throw new Error('expected the last one deferred');
    const asked = deps.pacer.reservations.length;
    deps.clock.set(last.retryAt);
    expect(await sendOnce(deps, pendingSms('r5'))).toMatchObject({ status: 'sent' });
    expect(deps.pacer.reservations).toHaveLength(asked);
  });

  test('a reservation slept through (a restart long after its slot) is not used: the send asks again', async () => {
    const deps = pacedDeps();
    const outcomes = await burst(deps, 6);
    const last = outcomes.at(-1);
    if (last?.status !== 'deferred') throw new Error('expected the last one deferred');
    const asked = deps.pacer.reservations.length;
    deps.clock.set(new Date(Date.parse(last.retryAt) + STALE_RESERVATION_MS + 1));
    expect(await sendOnce(deps, pendingSms('r5'))).toMatchObject({ status: 'sent' });
    expect(deps.pacer.reservations).toHaveLength(asked + 1);
  });

  test('however often a send waits for a slot, it never runs out of attempts', async () => {
    const deps = pacedDeps();
    await burst(deps, 4);
    // The sender stays booked far ahead: every try of r-late finds no slot now.
    await deps.pacer.holdUntil('sms:fake', new Date(deps.clock.now().getTime() + 3_600_000));
    for (let i = 0; i < DEFERRAL_POLICY.maxAttempts + 2; i++) {
      expect(await sendOnce(deps, pendingSms('r-late'))).toMatchObject({ status: 'deferred', reason: PACED_REASON });
    }
    expect(await deps.ledger.get(about, 'r-late')).toMatchObject({ status: 'claimed', attempts: 0 });
  });

  test('a 429 with Retry-After defers the send (an attempt) and holds the whole sender until then', async () => {
    const deps = pacedDeps();
    deps.senders.sms.answer({ kind: 'transient', cause: 'throttled', retryAfterMs: 30_000 });
    const outcome = await sendOnce(deps, pendingSms('r0'));
    const until = new Date(deps.clock.now().getTime() + 30_000).toISOString();
    expect(outcome).toMatchObject({ status: 'deferred', retryAt: until });
    expect(await deps.ledger.get(about, 'r0')).toMatchObject({ attempts: 1 });
    expect(deps.pacer.holds).toEqual([{ sender: 'sms:fake', until }]);
    // Another send of the same sender, even a cancellation notice, waits for the hold to end.
    expect(await sendOnce(deps, pendingSms('c0', 'cancellation'))).toMatchObject({ status: 'deferred', retryAt: until });
  });

  test('a cancellation notice asked behind a burst of reminders goes ahead of them', async () => {
    const deps = pacedDeps();
    const reminders = await burst(deps, 200);
    const cancellation = await sendOnce(deps, pendingSms('c0', 'cancellation'));
    const lastReminder = reminders.at(-1);
    if (cancellation.status !== 'deferred' || lastReminder?.status !== 'deferred') throw new Error('expected both deferred');
    expect(cancellation.retryAt < lastReminder.retryAt).toBe(true);
    expect(deps.pacer.reservations.at(-1)).toMatchObject({ sender: 'sms:fake', lane: 'urgent', perMinute: 200 });
  });

  test('a test send (nobody retries it) finding the sender busy fails with the reason at once', async () => {
    const deps = pacedDeps();
    await burst(deps, 6);
    const outcome = await sendOnce(deps, { ...pendingSms('t0', 'test'), deferrable: false });
    expect(outcome).toMatchObject({ status: 'failed', reason: expect.stringMatching(/busy/) });
  });

  describe('a slot the planner reserved ahead (handed in by the orchestration)', () => {
    const slotIn = (deps: FakeDeps, ms: number): string => new Date(deps.clock.now().getTime() + ms).toISOString();

    test('woken at it: sent without asking the pacer', async () => {
      const deps = pacedDeps();
      expect(await sendOnce(deps, pendingSms('r0'), slotIn(deps, 0))).toMatchObject({ status: 'sent' });
      expect(deps.pacer.reservations).toEqual([]);
    });

    test('woken early for it (another send of the same wake-up had the earlier slot): waits for it without asking again', async () => {
      const deps = pacedDeps();
      const slot = slotIn(deps, 30_000);
      expect(await sendOnce(deps, pendingSms('r0'), slot)).toEqual({ status: 'deferred', retryAt: slot, reason: PACED_REASON });
      expect(deps.pacer.reservations).toEqual([]);
      deps.clock.set(slot);
      expect(await sendOnce(deps, pendingSms('r0'))).toMatchObject({ status: 'sent' });
      expect(deps.pacer.reservations).toEqual([]);
    });

    test('slept through (the host woke it late): not used, the send asks again', async () => {
      const deps = pacedDeps();
      const slot = slotIn(deps, -STALE_RESERVATION_MS - 1);
      expect(await sendOnce(deps, pendingSms('r0'), slot)).toMatchObject({ status: 'sent' });
      expect(deps.pacer.reservations).toHaveLength(1);
    });
  });

  test('the outbox is not paced', async () => {
    const deps = pacedDeps();
    Object.assign(deps.senders.sms, { provider: 'outbox' });
    expect((await burst(deps, 10)).every((o) => o.status === 'sent')).toBe(true);
    expect(deps.pacer.reservations).toEqual([]);
  });
});

describe('a deferred retry that comes due inside quiet hours', () => {
  test('waits for their end (not an attempt), then goes', async () => {
    const deps = fakeDeps({ settings: new FakeSettingsStore({ ...allOn(), quietHours: { enabled: true, start: '21:00', end: '08:00' } }) });
    // The fixture meeting is on 2026-12-03 10:00 New York; the reminder (2 days before) is due 2026-12-01 10:00 EST.
    await deps.meetings.create(record());
    const reminder = sendKey({ meetingId: 'A-1001', version: 1, type: 'reminder', channel: 'email' });
    deps.clock.set('2026-12-01T15:00:00.000Z');
    deps.senders.email.answer({ kind: 'transient', cause: 'unavailable' });
    expect(await sendDispatch(deps, { about: { kind: 'meeting', id: 'A-1001' }, sendKey: reminder })).toMatchObject({ status: 'deferred' });
    deps.clock.set('2026-12-02T03:00:00.000Z'); // 22:00 EST: the retry is due, inside quiet hours
    const held = await sendDispatch(deps, { about: { kind: 'meeting', id: 'A-1001' }, sendKey: reminder });
    expect(held).toEqual({ status: 'deferred', retryAt: '2026-12-02T13:00:00.000Z', reason: quietHoursHoldReason('21:00', '08:00', 'America/New_York') });
    expect(await deps.ledger.get({ kind: 'meeting', id: 'A-1001' }, reminder)).toMatchObject({ attempts: 1 });
    deps.clock.set('2026-12-02T13:00:00.000Z');
    expect(await sendDispatch(deps, { about: { kind: 'meeting', id: 'A-1001' }, sendKey: reminder })).toMatchObject({ status: 'sent' });
    expect(deps.senders.email.dispatches).toHaveLength(2);
  });
});
