import { reconcileMeetings } from '../../../src/app/reconcile-meetings';
import { fakeDeps } from '../../fakes/fake-deps';
import { RecordingWorkflow } from '../../fakes/recording-workflow';
import { record } from '../domain/fixtures';

const cancelled = { status: 'cancelled', cancellation: { cancelledAt: '2026-11-19T09:00:00.000Z', source: 'api', reason: null } } as const;

describe('reconcileMeetings (issue [2/9]: orphan meetings after a crash)', () => {
  test('starts the orchestration of every scheduled meeting that has none, and only those', async () => {
    const deps = fakeDeps();
    for (const id of ['R-1', 'R-2', 'R-3']) await deps.meetings.create(record({ meetingId: id }));
    await deps.meetings.create(record({ meetingId: 'R-4', ...cancelled }));
    const workflow = new RecordingWorkflow();
    await workflow.start('R-2');
    const result = await reconcileMeetings(deps, workflow);
    expect(result).toEqual({ checked: 3, started: ['R-1', 'R-3'] });
    expect(workflow.of('start')).toEqual([{ method: 'start', meetingId: 'R-2' }]);
    expect([...workflow.running].sort()).toEqual(['R-1', 'R-2', 'R-3']);
  });

  test('is idempotent: a second run starts nothing and logs nothing', async () => {
    const deps = fakeDeps();
    await deps.meetings.create(record({ meetingId: 'R-9' }));
    const workflow = new RecordingWorkflow();
    expect((await reconcileMeetings(deps, workflow)).started).toEqual(['R-9']);
    expect(deps.log.warns).toEqual([expect.stringContaining('R-9')]);
    expect((await reconcileMeetings(deps, workflow)).started).toEqual([]);
    expect(deps.log.warns).toHaveLength(1);
  });

  test('pages through more meetings than one page holds', async () => {
    const deps = fakeDeps();
    const ids = Array.from({ length: 450 }, (_, n) => `P-${String(n).padStart(4, '0')}`);
    for (const meetingId of ids) await deps.meetings.create(record({ meetingId }));
    const result = await reconcileMeetings(deps, new RecordingWorkflow());
    expect(result.checked).toBe(450);
    expect(result.started).toEqual(ids);
  });
});
