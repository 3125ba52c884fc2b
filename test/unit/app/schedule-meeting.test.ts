import { scheduleMeeting } from '../../../src/app/schedule-meeting';
import type { Meeting } from '../../../src/domain';
import { fakeDeps, type FakeDeps } from '../../fakes/fake-deps';
import { RecordingWorkflow } from '../../fakes/recording-workflow';
import { meeting, record } from '../domain/fixtures';

function setup() {
  return { deps: fakeDeps(), workflow: new RecordingWorkflow() };
}

async function stored(deps: FakeDeps, id = 'A-1001') {
  const found = await deps.meetings.get(id);
  if (!found) throw new Error(`${id} is not stored`);
  return found;
}

const moved = (): Meeting => meeting({ start: '2026-12-04T15:00:00.000Z', end: '2026-12-04T15:30:00.000Z' });

describe('scheduleMeeting', () => {
  test('a new meeting is stored as version 1 at the current time, and its orchestration started once', async () => {
    const { deps, workflow } = setup();
    expect(await scheduleMeeting(deps, workflow, meeting(), 'create')).toEqual({ kind: 'accepted', meetingId: 'A-1001', status: 'scheduled', version: 1 });
    expect((await stored(deps)).record).toEqual({ ...meeting(), status: 'scheduled', version: 1, versionAt: deps.clock.now().toISOString(), cancellation: null });
    expect(workflow.calls).toEqual([{ method: 'start', meetingId: 'A-1001' }]);
  });

  test('the same body again changes nothing and only makes sure the orchestration runs', async () => {
    const { deps, workflow } = setup();
    await scheduleMeeting(deps, workflow, meeting(), 'create');
    const before = await stored(deps);
    deps.clock.advance(60_000);
    expect(await scheduleMeeting(deps, workflow, meeting(), 'create')).toEqual({ kind: 'accepted', meetingId: 'A-1001', status: 'scheduled', version: 1 });
    expect(await scheduleMeeting(deps, workflow, meeting(), 'update')).toMatchObject({ kind: 'accepted', version: 1 });
    expect(await stored(deps)).toEqual(before);
    expect(deps.meetings.writes.map((w) => w.op)).toEqual(['create']);
    expect(workflow.calls).toEqual([{ method: 'start', meetingId: 'A-1001' }, { method: 'ensureRunning', meetingId: 'A-1001' }, { method: 'ensureRunning', meetingId: 'A-1001' }]);
  });

  test('the same body for a cancelled meeting is accepted as it stands and starts nothing', async () => {
    const { deps, workflow } = setup();
    await deps.meetings.create(record({ status: 'cancelled', cancellation: { cancelledAt: '2026-11-02T09:00:00.000Z', source: 'api', reason: null } }));
    expect(await scheduleMeeting(deps, workflow, meeting(), 'create')).toEqual({ kind: 'accepted', meetingId: 'A-1001', status: 'cancelled', version: 1 });
    expect(workflow.calls).toEqual([]);
  });

  test('a versioned change (the time) bumps the version and versionAt, and tells the orchestration', async () => {
    const { deps, workflow } = setup();
    await scheduleMeeting(deps, workflow, meeting(), 'create');
    deps.clock.advance(3_600_000);
    expect(await scheduleMeeting(deps, workflow, moved(), 'update')).toEqual({ kind: 'accepted', meetingId: 'A-1001', status: 'scheduled', version: 2 });
    expect((await stored(deps)).record).toMatchObject({ start: '2026-12-04T15:00:00.000Z', version: 2, versionAt: deps.clock.now().toISOString() });
    expect(workflow.calls.slice(1)).toEqual([{ method: 'notifyChanged', meetingId: 'A-1001' }]);
  });

  test('a change that is not versioned (the subject) is stored under the same version and versionAt', async () => {
    const { deps, workflow } = setup();
    await scheduleMeeting(deps, workflow, meeting(), 'create');
    const versionAt = (await stored(deps)).record.versionAt;
    deps.clock.advance(3_600_000);
    expect(await scheduleMeeting(deps, workflow, meeting({ subject: 'Mortgage review (bring papers)' }), 'create')).toMatchObject({ kind: 'accepted', version: 1 });
    expect((await stored(deps)).record).toMatchObject({ subject: 'Mortgage review (bring papers)', version: 1, versionAt });
    expect(workflow.calls.slice(1)).toEqual([{ method: 'notifyChanged', meetingId: 'A-1001' }]);
  });

  test('an update of an unknown meeting is notFound and writes nothing', async () => {
    const { deps, workflow } = setup();
    expect(await scheduleMeeting(deps, workflow, meeting(), 'update')).toEqual({ kind: 'notFound' });
    expect(deps.meetings.writes).toEqual([]);
    expect(workflow.calls).toEqual([]);
  });

  test.each(['create', 'update'] as const)('a change to a cancelled meeting (%s) is a conflict and writes nothing', async (mode) => {
    const { deps, workflow } = setup();
    await deps.meetings.create(record({ status: 'cancelled', cancellation: { cancelledAt: '2026-11-02T09:00:00.000Z', source: 'api', reason: null } }));
    expect(await scheduleMeeting(deps, workflow, moved(), mode)).toEqual({ kind: 'conflict', detail: 'The meeting is cancelled; it can no longer be changed.' });
    expect(deps.meetings.writes.map((w) => w.op)).toEqual(['create']);
    expect(workflow.calls).toEqual([]);
  });

  test('a concurrent write between the read and the conditional replace is retried on the fresh row', async () => {
    const { deps, workflow } = setup();
    await scheduleMeeting(deps, workflow, meeting(), 'create');
    const other = { ...(await stored(deps)).record, customerNotes: 'written by another request' };
    deps.meetings.onNextReplace(() => deps.meetings.concurrentWrite(other));
    expect(await scheduleMeeting(deps, workflow, moved(), 'update')).toMatchObject({ kind: 'accepted', version: 2 });
    expect((await stored(deps)).record).toMatchObject({ start: '2026-12-04T15:00:00.000Z', version: 2 });
    expect(deps.meetings.writes.map((w) => w.op)).toEqual(['create', 'replace']);
    expect(workflow.of('notifyChanged')).toHaveLength(1);
  });

  test('a meeting created concurrently by an identical request is compared, not created twice', async () => {
    const { deps, workflow } = setup();
    const create = deps.meetings.create.bind(deps.meetings);
    // The other request's create lands first; ours then finds the ID taken.
    jest.spyOn(deps.meetings, 'create').mockImplementationOnce(async (r) => {
      await create(r);
      return create(r);
    });
    expect(await scheduleMeeting(deps, workflow, meeting(), 'create')).toMatchObject({ kind: 'accepted', version: 1 });
    expect(workflow.calls).toEqual([{ method: 'ensureRunning', meetingId: 'A-1001' }]);
  });

  test('a meeting that keeps changing under it gives up with a conflict after a bounded number of tries', async () => {
    const { deps, workflow } = setup();
    await scheduleMeeting(deps, workflow, meeting(), 'create');
    const current = (await stored(deps)).record;
    for (let n = 0; n < 5; n++) deps.meetings.onNextReplace(() => deps.meetings.concurrentWrite({ ...current, customerNotes: `other ${n}` }));
    expect(await scheduleMeeting(deps, workflow, moved(), 'update')).toEqual({ kind: 'conflict', detail: 'The meeting is being changed by another request; try again.' });
    expect((await stored(deps)).record.version).toBe(1);
    expect(workflow.of('notifyChanged')).toEqual([]);
  });
});
