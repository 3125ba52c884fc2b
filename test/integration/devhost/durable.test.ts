import { json, startDevhost, tempDir, waitFor, type DevhostProcess } from '../../support/devhost-process';

interface Status { runtimeStatus: string; output: unknown; input: unknown; customStatus: unknown; historyEvents?: Array<{ EventType: string }> }

let host: DevhostProcess;
beforeAll(async () => {
  host = await startDevhost({ env: { SAMPLE_LOG_DIR: tempDir('devhost-durable-log') } });
});
afterAll(async () => {
  await host.stop();
});

const api = (path: string, init?: RequestInit): Promise<Response> => fetch(`${host.url}/api/${path}`, init);
const start = async (name: string, id: string, input?: unknown): Promise<Response> => api(`start/${name}/${id}`, { method: 'POST', body: input === undefined ? '' : JSON.stringify(input) });
const status = async (id: string, history = false): Promise<Status> =>
  json<Status>(await (history ? fetch(`${host.url}/runtime/webhooks/durabletask/instances/${id}?showHistory=true`) : api(`status/${id}`)));
const settled = (id: string): Promise<Status> => waitFor(() => status(id), (s) => !['Pending', 'Running'].includes(s.runtimeStatus), 20_000, `${id} to finish`);
const advance = async (duration: string): Promise<void> => {
  const res = await fetch(`${host.url}/dev/clock`, { method: 'POST', body: JSON.stringify({ advance: duration }) });
  expect(res.status).toBe(200);
};
const log = async (id: string): Promise<string[]> => json<string[]>(await api(`log/${id}`));

describe('devhost durable orchestrations through the real DurableClient', () => {
  test('a chain of three activities completes with its output and custom status', async () => {
    expect((await start('Chain', 'chain-1', ['a', 'b', 'c'])).status).toBe(202);
    const s = await settled('chain-1');
    expect(s).toMatchObject({ runtimeStatus: 'Completed', output: ['A', 'B', 'C'], input: ['a', 'b', 'c'], customStatus: { done: 3 } });
  });

  test('createCheckStatusResponse returns URLs that resolve on the devhost', async () => {
    const res = await start('Chain', 'chain-urls', ['x']);
    const links = await json<{ id: string; statusQueryGetUri: string; sendEventPostUri: string }>(res);
    expect(res.headers.get('location')).toBe(links.statusQueryGetUri);
    expect(links.statusQueryGetUri.startsWith(host.url)).toBe(true);
    await settled('chain-urls');
    const viaUri = await fetch(links.statusQueryGetUri);
    expect(viaUri.status).toBe(200);
    expect(await json<Status>(viaUri)).toMatchObject({ runtimeStatus: 'Completed', output: ['X'] });
  });

  test('starting without an instance ID generates one', async () => {
    const res = await api('start/Chain', { method: 'POST', body: JSON.stringify(['q']) });
    const { id } = await json<{ id: string }>(res);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect((await settled(id)).output).toEqual(['Q']);
  });

  test('starting an ID that is still running fails, as on Azure', async () => {
    expect((await start('Forever', 'dup-1')).status).toBe(202);
    const again = await start('Forever', 'dup-1');
    expect(again.status).toBe(409);
    expect((await json<{ error: string }>(again)).error).toContain('409');
    await api('terminate/dup-1', { method: 'POST' });
  });

  test('Task.any: the external event wins, the activity after it runs', async () => {
    await start('Race', 'race-event', { waitMinutes: 30 });
    await waitFor(() => log('race-event'), (l) => l.includes('before'), 10_000, 'first activity');
    expect((await api('raise/race-event/Approve', { method: 'POST', body: JSON.stringify({ by: 'ana' }) })).status).toBe(202);
    expect((await settled('race-event')).output).toBe('approved');
    expect(await log('race-event')).toEqual(['before', 'approved:{"by":"ana"}']);
  });

  test('Task.any: the durable timer wins when the clock passes it', async () => {
    await start('Race', 'race-timer', { waitMinutes: 45 });
    await waitFor(() => log('race-timer'), (l) => l.includes('before'), 10_000, 'first activity');
    await advance('PT46M');
    expect((await settled('race-timer')).output).toBe('timed-out');
    expect(await log('race-timer')).toEqual(['before', 'timed-out']);
  });

  test('raising an event for an unknown instance fails', async () => {
    expect((await api('raise/no-such-instance/Approve', { method: 'POST', body: '1' })).status).toBe(404);
  });

  test('callActivityWithRetry: two failures, then success on the third attempt', async () => {
    await start('Retry', 'retry-ok', { failTimes: 2, attempts: 3 });
    await waitFor(() => log('retry-ok'), (l) => l.filter((x) => x === 'flaky-failure').length === 1, 10_000, 'first failure');
    await advance('PT2S'); // first retry after 1 s
    await waitFor(() => log('retry-ok'), (l) => l.filter((x) => x === 'flaky-failure').length === 2, 10_000, 'second failure');
    await advance('PT3S'); // second retry after 2 s (backoff coefficient 2)
    const s = await settled('retry-ok');
    expect(s).toMatchObject({ runtimeStatus: 'Completed', output: 'flaky ok' });
    expect((await log('retry-ok')).filter((x) => x === 'flaky-attempt')).toHaveLength(3);
  });

  test('callActivityWithRetry: attempts exhausted, the orchestration fails with the error', async () => {
    await start('Retry', 'retry-fail', { failTimes: 5, attempts: 2 });
    await waitFor(() => log('retry-fail'), (l) => l.includes('flaky-failure'), 10_000, 'first failure');
    await advance('PT2S');
    const s = await settled('retry-fail');
    expect(s.runtimeStatus).toBe('Failed');
    expect(JSON.stringify(s.output)).toContain('flaky failure 2');
    expect((await log('retry-fail')).filter((x) => x === 'flaky-attempt')).toHaveLength(2);
  });

  test.each([
    [8, 2],
    [30, 9],
  ])('a %i-day durable timer fires when the virtual clock passes it, not before (%i sub-timers)', async (days, subTimers) => {
    const id = `sleep-${days}`;
    await start('Sleep', id, { days });
    await waitFor(() => status(id), (s) => s.runtimeStatus === 'Running', 10_000, 'running');
    await advance(`P${days - 1}D`);
    expect((await status(id)).runtimeStatus).toBe('Running');
    await advance('P1DT1M');
    const s = await settled(id);
    const out = s.output as { due: string; woke: string };
    expect(s.runtimeStatus).toBe('Completed');
    // It woke at its due time (the clock stepped to each sub-timer), not at the end of the jump.
    expect(Date.parse(out.woke) - Date.parse(out.due)).toBeGreaterThanOrEqual(0);
    expect(Date.parse(out.woke) - Date.parse(out.due)).toBeLessThan(60_000);
    const timers = (await status(id, true)).historyEvents?.filter((e) => e.EventType === 'TimerFired') ?? [];
    // Over 6 days: 3-day sub-timers until at most 6 days remain, then the final one, as Azure does.
    expect(timers.length).toBe(subTimers);
  });

  test('continueAsNew restarts with the new input until done', async () => {
    await start('Counter', 'counter-1', 0);
    expect(await settled('counter-1')).toMatchObject({ runtimeStatus: 'Completed', output: 3, input: 3 });
  });

  test('terminate ends a waiting orchestration with the reason', async () => {
    await start('Forever', 'forever-1');
    await waitFor(() => status('forever-1'), (s) => s.runtimeStatus === 'Running', 10_000, 'running');
    expect((await api('terminate/forever-1', { method: 'POST' })).status).toBe(202);
    expect(await settled('forever-1')).toMatchObject({ runtimeStatus: 'Terminated', output: 'stopped by test' });
    expect((await api('raise/forever-1/never', { method: 'POST', body: '1' })).status).toBe(202); // 410 from the API: the SDK ignores it
  });

  test('an orchestrator that throws is recorded as Failed with the error', async () => {
    await start('Thrower', 'thrower-1');
    const s = await settled('thrower-1');
    expect(s.runtimeStatus).toBe('Failed');
    expect(String(s.output)).toContain('kaboom');
  });

  test('a sub-orchestration runs and returns its output to the parent', async () => {
    await start('Parent', 'parent-1');
    expect(await settled('parent-1')).toMatchObject({ runtimeStatus: 'Completed', output: { child: ['A', 'B'] } });
  });

  test('an unknown orchestrator cannot be started', async () => {
    const res = await start('NoSuchOrchestrator', 'nope-1');
    expect(res.status).toBe(409);
    expect((await json<{ error: string }>(res)).error).toContain('400');
  });
});
