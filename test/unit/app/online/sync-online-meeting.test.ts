import { planMeetingStep } from '../../../../src/activities/plan-meeting-step';
import { syncOnlineMeeting } from '../../../../src/app/online/sync-online-meeting';
import { sendKey, type MeetingRecord } from '../../../../src/domain';
import { OnlineMeetingError } from '../../../../src/ports/online-meetings';
import { fakeDeps, type FakeDeps } from '../../../fakes/fake-deps';
import { FakeSettingsStore } from '../../../fakes/fake-settings-store';
import { allOn, record } from '../../domain/fixtures';

const ID = 'A-1001';
const ref = { meetingId: ID };

async function setup(overrides: Partial<MeetingRecord> = {}): Promise<FakeDeps> {
  const deps = fakeDeps({ settings: new FakeSettingsStore(allOn()) });
  await deps.meetings.create(record({ online: { joinUrl: null, createTeamsMeeting: true }, versionAt: deps.clock.now().toISOString(), ...overrides }));
  return deps;
}

const stored = async (deps: FakeDeps): Promise<MeetingRecord> => (await deps.meetings.get(ID))?.record as MeetingRecord;

async function change(deps: FakeDeps, patch: Partial<MeetingRecord>): Promise<void> {
  const current = await deps.meetings.get(ID);
  if (!current) throw new Error('no meeting');
  await deps.meetings.replace({ ...current.record, ...patch }, current.etag);
}

describe('the Teams meeting of an online appointment', () => {
  test('the planner asks for it before any send; once created the confirmations go, carrying the link', async () => {
    const deps = await setup();
    expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'online' });
    expect(await syncOnlineMeeting(deps, ID)).toEqual({ outcome: 'created' });
    expect((await stored(deps)).teams).toMatchObject({ id: `om-${ID}`, joinUrl: `https://teams.example/join/${ID}`, attempts: 0 });
    expect((await stored(deps)).version).toBe(1);
    expect(await planMeetingStep(deps, ref)).toMatchObject({ kind: 'send' });
    expect(deps.eventLog.ofType('meeting.updated')).toEqual([]);
    // A second sync has nothing to do: one meeting, one Graph call.
    expect(await syncOnlineMeeting(deps, ID)).toEqual({ outcome: 'none' });
    expect(deps.onlineMeetings.calls).toEqual([`ensure ${ID}`]);
  });

  test('a reschedule moves it; a cancellation deletes it', async () => {
    const deps = await setup();
    await syncOnlineMeeting(deps, ID);
    await change(deps, { start: '2026-12-04T15:00:00.000Z', end: '2026-12-04T15:30:00.000Z', version: 2 });
    expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'online' });
    expect(await syncOnlineMeeting(deps, ID)).toEqual({ outcome: 'updated' });
    expect(deps.onlineMeetings.meetings.get(`om-${ID}`)?.start).toBe('2026-12-04T15:00:00.000Z');
    await change(deps, { status: 'cancelled', cancellation: { cancelledAt: deps.clock.now().toISOString(), source: 'api', reason: null } });
    expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'online' });
    expect(await syncOnlineMeeting(deps, ID)).toEqual({ outcome: 'deleted' });
    expect(deps.onlineMeetings.meetings.size).toBe(0);
    expect((await stored(deps)).teams).toMatchObject({ id: null, joinUrl: null });
  });

  test('Graph failing: retried with backoff, the confirmation waits TEAMS_LINK_WAIT and then goes without the link', async () => {
    const deps = await setup();
    deps.onlineMeetings.failNext(3, new OnlineMeetingError('transient', 'Graph unavailable (HTTP 503)', 45_000));
    const first = await syncOnlineMeeting(deps, ID);
    expect(first).toEqual({ outcome: 'deferred', retryAt: new Date(deps.clock.now().getTime() + 45_000).toISOString() });
    // Until the retry time the orchestration sleeps; the confirmations are held for the link.
    expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'sleep', until: first.retryAt });
    deps.clock.advance(45_000);
    expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'online' });
    expect(await syncOnlineMeeting(deps, ID)).toMatchObject({ outcome: 'deferred' });
    deps.clock.advance(270_000); // past the 5-minute wait
    expect(await syncOnlineMeeting(deps, ID)).toMatchObject({ outcome: 'deferred' });
    // The wait is over and the next retry is not due: the confirmations go, without the link.
    expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'send', sendKeys: [sendKey({ meetingId: ID, version: 1, type: 'confirmation', channel: 'email' }), sendKey({ meetingId: ID, version: 1, type: 'confirmation', channel: 'sms' })] });
    expect(deps.log.warns.join('\n')).toContain('Teams meeting create failed (transient, attempt 3');
    expect(deps.onlineMeetings.calls).toHaveLength(3);
  });

  test('a link that arrives after the confirmation went without it makes a new version, whose update carries it', async () => {
    const deps = await setup();
    deps.onlineMeetings.failNext(1);
    await syncOnlineMeeting(deps, ID);
    const about = { kind: 'meeting', id: ID } as const;
    const key = sendKey({ meetingId: ID, version: 1, type: 'confirmation', channel: 'email' });
    await deps.ledger.claim({ sendKey: key, about, type: 'confirmation', channel: 'email', plannedFor: null }, deps.clock.now());
    await deps.ledger.markSent(about, key, 'msg-1', deps.clock.now());
    deps.clock.advance(60_000);
    expect(await syncOnlineMeeting(deps, ID)).toEqual({ outcome: 'created' });
    const after = await stored(deps);
    expect(after.version).toBe(2);
    expect(after.teams?.joinUrl).toBe(`https://teams.example/join/${ID}`);
    expect(deps.eventLog.ofType('meeting.updated').map((e) => (e.data as { version: number }).version)).toEqual([2]);
    expect(await planMeetingStep(deps, ref)).toMatchObject({ kind: 'send', sendKeys: expect.arrayContaining([sendKey({ meetingId: ID, version: 2, type: 'confirmation', channel: 'email' })]) });
  });

  test('a refused request gives up at once; a missing Teams policy keeps its advice and is retried', async () => {
    const deps = await setup();
    deps.onlineMeetings.failNext(1, new OnlineMeetingError('forbidden', 'Graph refused (403): no Teams application access policy …'));
    expect(await syncOnlineMeeting(deps, ID)).toMatchObject({ outcome: 'deferred' });
    expect((await stored(deps)).teams?.error).toContain('application access policy');
    deps.clock.advance(60_000);
    deps.onlineMeetings.failNext(1, new OnlineMeetingError('permanent', 'Graph refused the request (HTTP 400)'));
    expect(await syncOnlineMeeting(deps, ID)).toEqual({ outcome: 'gaveUp' });
    // Given up: the confirmations go at once without the link, and nothing more is asked of Graph…
    expect(await planMeetingStep(deps, ref)).toMatchObject({ kind: 'send' });
    expect(await syncOnlineMeeting(deps, ID)).toEqual({ outcome: 'none' });
    // …until the meeting changes: a new version tries again, from its first attempt.
    await change(deps, { version: 2, versionAt: deps.clock.now().toISOString(), start: '2026-12-04T15:00:00.000Z', end: '2026-12-04T15:30:00.000Z' });
    expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'online' });
    deps.onlineMeetings.failNext(1);
    expect(await syncOnlineMeeting(deps, ID)).toMatchObject({ outcome: 'deferred' });
    expect((await stored(deps)).teams).toMatchObject({ attempts: 1, failedVersion: 2, gaveUp: false });
  });

  test('a cancellation saved while Graph created the meeting: the state lands on the cancelled meeting, so the next plan deletes it', async () => {
    const deps = await setup();
    const ensure = deps.onlineMeetings.ensure.bind(deps.onlineMeetings);
    deps.onlineMeetings.ensure = async (request) => {
      const result = await ensure(request);
      await change(deps, { status: 'cancelled', cancellation: { cancelledAt: deps.clock.now().toISOString(), source: 'api', reason: null } });
      return result;
    };
    expect(await syncOnlineMeeting(deps, ID)).toEqual({ outcome: 'created' });
    expect((await stored(deps))).toMatchObject({ status: 'cancelled', teams: { id: `om-${ID}` } });
    expect(await planMeetingStep(deps, ref)).toEqual({ kind: 'online' });
    expect(await syncOnlineMeeting(deps, ID)).toEqual({ outcome: 'deleted' });
  });
});
