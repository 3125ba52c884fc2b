import { cancelMeeting } from '../../../src/app/cancel-meeting';
import { sendKey, type CommunicationType } from '../../../src/domain';
import type { About } from '../../../src/ports/dispatch';
import { fakeDeps, type FakeDeps } from '../../fakes/fake-deps';
import { RecordingWorkflow } from '../../fakes/recording-workflow';
import { record } from '../domain/fixtures';

const about: About = { kind: 'meeting', id: 'A-1001' };

async function setup() {
  const deps = fakeDeps();
  await deps.meetings.create(record());
  return { deps, workflow: new RecordingWorkflow() };
}

/** A send of the meeting claimed (mid-send) now. */
async function claim(deps: FakeDeps, type: CommunicationType = 'confirmation', channel: 'email' | 'sms' = 'email') {
  const key = sendKey({ meetingId: 'A-1001', version: 1, type, channel });
  await deps.ledger.claim({ sendKey: key, about, type, channel, plannedFor: null }, deps.clock.now());
  return key;
}

const total = (ms: number[]): number => ms.reduce((a, b) => a + b, 0);

describe('cancelMeeting', () => {
  test('cancels the stored meeting (who, when, why) and tells the orchestration', async () => {
    const { deps, workflow } = await setup();
    expect(await cancelMeeting(deps, workflow, 'A-1001', { source: 'api', reason: '  moved abroad ' })).toEqual({ kind: 'cancelled', meetingId: 'A-1001', changed: true });
    expect((await deps.meetings.get('A-1001'))?.record).toMatchObject({ status: 'cancelled', cancellation: { cancelledAt: deps.clock.now().toISOString(), source: 'api', reason: 'moved abroad' } });
    expect(workflow.calls).toEqual([{ method: 'notifyChanged', meetingId: 'A-1001' }]);
  });

  test('a repeat is changed: false, writes nothing and notifies nobody again', async () => {
    const { deps, workflow } = await setup();
    await cancelMeeting(deps, workflow, 'A-1001', { source: 'api' });
    deps.clock.advance(60_000);
    expect(await cancelMeeting(deps, workflow, 'A-1001', { source: 'link' })).toEqual({ kind: 'cancelled', meetingId: 'A-1001', changed: false });
    expect(deps.meetings.writes.map((w) => w.op)).toEqual(['create', 'replace']);
    expect((await deps.meetings.get('A-1001'))?.record.cancellation?.source).toBe('api');
    expect(workflow.of('notifyChanged')).toHaveLength(1);
  });

  test("another contact's meeting is answered exactly like an unknown one, and stays scheduled", async () => {
    const { deps, workflow } = await setup();
    const other = await cancelMeeting(deps, workflow, 'A-1001', { source: 'link', contactId: 'C-someone-else' });
    expect(other).toEqual(await cancelMeeting(deps, workflow, 'A-unknown', { source: 'link', contactId: 'C-77' }));
    expect(other).toEqual({ kind: 'notFound' });
    expect((await deps.meetings.get('A-1001'))?.record.status).toBe('scheduled');
    expect(workflow.calls).toEqual([]);
  });

  test('the contact whose meeting it is may cancel it', async () => {
    const { deps, workflow } = await setup();
    expect(await cancelMeeting(deps, workflow, 'A-1001', { source: 'link', contactId: 'C-77' })).toMatchObject({ kind: 'cancelled', changed: true });
  });

  test('at or after the start → started (nothing written); a completed meeting too', async () => {
    const { deps, workflow } = await setup();
    deps.clock.set('2026-12-03T15:00:00.000Z');
    expect(await cancelMeeting(deps, workflow, 'A-1001', { source: 'api' })).toEqual({ kind: 'started' });
    const completed = fakeDeps();
    await completed.meetings.create(record({ status: 'completed' }));
    expect(await cancelMeeting(completed, workflow, 'A-1001', { source: 'api' })).toEqual({ kind: 'started' });
    expect(deps.meetings.writes.map((w) => w.op)).toEqual(['create']);
    expect(workflow.calls).toEqual([]);
  });

  test('an external cancellation after the start is still recorded', async () => {
    const { deps, workflow } = await setup();
    deps.clock.set('2026-12-03T16:00:00.000Z');
    expect(await cancelMeeting(deps, workflow, 'A-1001', { source: 'external' })).toMatchObject({ kind: 'cancelled', changed: true });
  });

  test('a concurrent write between the read and the replace is retried', async () => {
    const { deps, workflow } = await setup();
    deps.meetings.onNextReplace(() => deps.meetings.concurrentWrite(record({ customerNotes: 'edited meanwhile' })));
    expect(await cancelMeeting(deps, workflow, 'A-1001', { source: 'api' })).toMatchObject({ kind: 'cancelled', changed: true });
    expect((await deps.meetings.get('A-1001'))?.record).toMatchObject({ status: 'cancelled', customerNotes: 'edited meanwhile' });
  });

  test('waits for a send in flight (claimed, not deferred) to be recorded before it notifies', async () => {
    const { deps, workflow } = await setup();
    const key = await claim(deps, 'reminder', 'sms');
    const seen: string[] = [];
    deps.clock.afterSleep = async () => {
      seen.push(`slept, notified ${workflow.calls.length}`);
      if (deps.clock.sleeps.length === 3) await deps.ledger.markSent(about, key, 'msg-1', deps.clock.now());
    };
    expect(await cancelMeeting(deps, workflow, 'A-1001', { source: 'api' })).toMatchObject({ kind: 'cancelled', changed: true });
    expect(seen).toEqual(['slept, notified 0', 'slept, notified 0', 'slept, notified 0']);
    expect(deps.clock.sleeps).toHaveLength(3);
    expect(workflow.calls).toEqual([{ method: 'notifyChanged', meetingId: 'A-1001' }]);
    expect(deps.log.warns).toEqual([]);
  });

  test('gives up waiting after its timeout, with a warning, and still notifies', async () => {
    const { deps, workflow } = await setup();
    await claim(deps, 'confirmation', 'email');
    await claim(deps, 'confirmation', 'sms');
    expect(await cancelMeeting(deps, workflow, 'A-1001', { source: 'api' })).toMatchObject({ kind: 'cancelled', changed: true });
    // 15 s of the fake clock in 100 ms polls; no real time passes.
    expect(total(deps.clock.sleeps)).toBeGreaterThanOrEqual(15_000);
    expect(total(deps.clock.sleeps)).toBeLessThanOrEqual(15_200);
    expect(deps.log.warns).toEqual(['meeting A-1001: 2 send(s) still in flight after the cancellation']);
    expect(workflow.of('notifyChanged')).toHaveLength(1);
  });

  test('a deferred claim (retryAt set) is not waited for: it checks the meeting again before its retry', async () => {
    const { deps, workflow } = await setup();
    const key = await claim(deps, 'reminder', 'email');
    await deps.ledger.markDeferred(about, key, { retryAt: '2026-11-20T09:05:00.000Z', reason: 'fake: unavailable (HTTP 503)' }, deps.clock.now());
    expect(await cancelMeeting(deps, workflow, 'A-1001', { source: 'api' })).toMatchObject({ kind: 'cancelled', changed: true });
    expect(deps.clock.sleeps).toEqual([]);
    expect(workflow.of('notifyChanged')).toHaveLength(1);
  });

  test('recorded sends and a claimed cancellation notice are not waited for', async () => {
    const { deps, workflow } = await setup();
    const sent = await claim(deps, 'confirmation', 'email');
    await deps.ledger.markSent(about, sent, 'msg-1', deps.clock.now());
    await claim(deps, 'cancellation', 'email');
    expect(await cancelMeeting(deps, workflow, 'A-1001', { source: 'api' })).toMatchObject({ kind: 'cancelled', changed: true });
    expect(deps.clock.sleeps).toEqual([]);
  });

  test('a repeat does not wait for sends at all', async () => {
    const { deps, workflow } = await setup();
    await cancelMeeting(deps, workflow, 'A-1001', { source: 'api' });
    await claim(deps, 'reminder', 'sms');
    expect(await cancelMeeting(deps, workflow, 'A-1001', { source: 'api' })).toMatchObject({ changed: false });
    expect(deps.clock.sleeps).toEqual([]);
  });
});
