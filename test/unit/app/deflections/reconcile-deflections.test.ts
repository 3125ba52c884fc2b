import { acceptDeflection } from '../../../../src/app/deflections/accept-deflection';
import { parseDeflectionRequest } from '../../../../src/app/deflections/deflection-request';
import { DEFLECTION_START_GRACE_MS, reconcileDeflections } from '../../../../src/app/deflections/reconcile-deflections';
import { sendDeflection } from '../../../../src/app/deflections/send-deflection';
import { RECONCILE_WINDOW_MS } from '../../../../src/app/reconcile-meetings';
import { fakeDeps, type FakeDeps } from '../../../fakes/fake-deps';
import { RecordingWorkflow } from '../../../fakes/recording-workflow';

type Deps = FakeDeps;

/**
 * POST /api/deflections for `id`, killed before its orchestration started: the deflection and ticket
 * are stored, and the start the request asked of its (recording) workflow never ran anything.
 */
async function orphan(deps: Deps, id: string): Promise<void> {
  const request = parseDeflectionRequest({ deflectionId: id, businessPhone: '+34910000000', recipientPhone: '+34612345678', template: { name: 'continue_chat', language: 'es' } }, []);
  if (!request.ok) throw new Error(JSON.stringify(request.errors));
  expect((await acceptDeflection(deps, new RecordingWorkflow(), request.value, undefined)).kind).toBe('accepted');
}

describe('reconcileDeflections: deflections stored without their orchestration', () => {
  test('one accepted more than a minute ago with no send on the ledger is started; a younger one is left to its request', async () => {
    const deps = fakeDeps();
    await orphan(deps, 'D-OLD');
    deps.clock.advance(DEFLECTION_START_GRACE_MS + 1_000);
    await orphan(deps, 'D-NEW');
    const workflow = new RecordingWorkflow();
    expect(await reconcileDeflections(deps, workflow)).toEqual({ checked: 1, started: ['D-OLD'] });
    expect(workflow.deflections).toEqual([{ deflectionId: 'D-OLD', channel: 'whatsapp' }]);
    expect(deps.log.warns).toEqual([expect.stringContaining('D-OLD')]);
    expect(deps.log.warns.join(' ')).not.toContain('+34612345678');
  });

  test('starting twice sends once: the second orchestration finds the ledger row; a run after the send starts nothing', async () => {
    const deps = fakeDeps();
    await orphan(deps, 'D-1');
    deps.clock.advance(2 * DEFLECTION_START_GRACE_MS);
    const workflow = new RecordingWorkflow();
    // Two timer runs before the orchestration's activity ran (a backlog): both start it.
    await reconcileDeflections(deps, workflow);
    await reconcileDeflections(deps, workflow);
    for (const ref of workflow.deflections) await sendDeflection(deps, ref, workflow);
    expect(workflow.deflections).toHaveLength(2);
    expect(deps.senders.whatsapp.dispatches.map((d) => d.key)).toEqual(['defl|D-1|whatsapp']);
    expect((await deps.deflections.get('D-1'))?.status).toBe('sent');
    expect(await reconcileDeflections(deps, workflow)).toEqual({ checked: 0, started: [] });
  });

  test('a deferred send (its ledger row waits for a retry) is its orchestration\'s: not started again', async () => {
    const deps = fakeDeps();
    await orphan(deps, 'D-2');
    deps.senders.whatsapp.answer({ kind: 'transient', cause: 'throttled', retryAfterMs: 30 * 60_000 });
    expect((await sendDeflection(deps, { deflectionId: 'D-2', channel: 'whatsapp' })).kind).toBe('retry');
    deps.clock.advance(2 * DEFLECTION_START_GRACE_MS);
    const workflow = new RecordingWorkflow();
    expect(await reconcileDeflections(deps, workflow)).toEqual({ checked: 1, started: [] });
    expect(workflow.deflections).toEqual([]);
  });

  test('looks back as far as the meetings\' window, and pages through more than a page', async () => {
    const deps = fakeDeps();
    await orphan(deps, 'D-ANCIENT');
    deps.clock.advance(RECONCILE_WINDOW_MS + 1_000);
    const ids = Array.from({ length: 230 }, (_, n) => `D-${String(n).padStart(3, '0')}`);
    for (const id of ids) await orphan(deps, id);
    deps.clock.advance(2 * DEFLECTION_START_GRACE_MS);
    const result = await reconcileDeflections(deps, new RecordingWorkflow());
    expect(result.checked).toBe(230);
    expect([...result.started].sort()).toEqual(ids);
  });
});
