import { json, startDevhost, tempDir, waitFor, type DevhostProcess } from '../../support/devhost-process';

interface Status { runtimeStatus: string; output: unknown; historyEvents?: Array<{ EventType: string; FunctionName?: string }> }

/**
 * The devhost must survive a hard kill (SIGKILL: no shutdown code runs): pending timers fire after a
 * restart, an interrupted activity runs again, and every completion is applied once.
 */
describe('devhost restart after SIGKILL', () => {
  const dataDir = tempDir('devhost-restart-data');
  const env = { SAMPLE_LOG_DIR: tempDir('devhost-restart-log') };
  let host: DevhostProcess | undefined;
  afterEach(async () => {
    if (host) await host.stop();
    host = undefined;
  });

  const api = (path: string, init?: RequestInit): Promise<Response> => fetch(`${(host as DevhostProcess).url}/api/${path}`, init);
  const log = async (id: string): Promise<string[]> => json<string[]>(await api(`log/${id}`));
  const status = async (id: string): Promise<Status> => json<Status>(await fetch(`${(host as DevhostProcess).url}/runtime/webhooks/durabletask/instances/${id}?showHistory=true`));
  const advance = (d: string): Promise<Response> => fetch(`${(host as DevhostProcess).url}/dev/clock`, { method: 'POST', body: JSON.stringify({ advance: d }) });

  function expectEachTaskCompletedOnce(s: Status): void {
    const completed = (s.historyEvents ?? []).filter((e) => e.EventType === 'TaskCompleted').map((e) => e.FunctionName);
    expect(completed).toEqual(['Record', 'Record', 'Slow', 'Record']);
  }

  test('killed while a durable timer is pending: the timer fires after the restart', async () => {
    host = await startDevhost({ dataDir, env });
    expect((await api('start/Steps/kill-timer', { method: 'POST', body: JSON.stringify({ slowMs: 50 }) })).status).toBe(202);
    await waitFor(() => log('kill-timer'), (l) => l.includes('A'), 10_000, 'step A');
    await waitFor(() => status('kill-timer'), (s) => (s.historyEvents ?? []).some((e) => e.EventType === 'TimerCreated'), 10_000, 'the timer to be created');
    await host.kill();

    host = await startDevhost({ dataDir, env });
    expect((await status('kill-timer')).runtimeStatus).toBe('Running');
    await advance('PT2H');
    const s = await waitFor(() => status('kill-timer'), (x) => x.runtimeStatus === 'Completed', 15_000, 'completion');
    expect(s.output).toBe('steps done');
    expect(await log('kill-timer')).toEqual(['A', 'after-timer', 'slow-start', 'slow-end', 'C']);
    expectEachTaskCompletedOnce(s);
  });

  test('killed while an activity runs: it runs again after the restart and completes once', async () => {
    host = await startDevhost({ dataDir, env });
    await api('start/Steps/kill-activity', { method: 'POST', body: JSON.stringify({ slowMs: 4000 }) });
    await waitFor(() => log('kill-activity'), (l) => l.includes('A'), 10_000, 'step A');
    void advance('PT2H').catch(() => undefined); // the slow activity starts after the timer; the kill cuts this request
    await waitFor(() => log('kill-activity'), (l) => l.includes('slow-start'), 10_000, 'the slow activity to start');
    await host.kill();
    expect(await logAfterKill('kill-activity')).toEqual(['A', 'after-timer', 'slow-start']);

    host = await startDevhost({ dataDir, env });
    expect(host.output()).toMatch(/Resumed \d+ pending message\(s\) and 1 activit/);
    const s = await waitFor(() => status('kill-activity'), (x) => x.runtimeStatus === 'Completed', 20_000, 'completion');
    // At least once: the interrupted activity ran again; everything else ran once.
    expect(await log('kill-activity')).toEqual(['A', 'after-timer', 'slow-start', 'slow-start', 'slow-end', 'C']);
    expectEachTaskCompletedOnce(s);
  });

  test('a suspended instance stays suspended across a kill; events raised meanwhile reach it once resumed', async () => {
    const durable = (p: string, init?: RequestInit): Promise<Response> => fetch(`${(host as DevhostProcess).url}/runtime/webhooks/durabletask/${p}`, init);
    host = await startDevhost({ dataDir, env });
    await api('start/Race/kill-suspended', { method: 'POST', body: JSON.stringify({ waitMinutes: 30 }) });
    await waitFor(() => log('kill-suspended'), (l) => l.includes('before'), 10_000, 'the first activity');
    await waitFor(() => status('kill-suspended'), (s) => (s.historyEvents ?? []).some((e) => e.EventType === 'TimerCreated'), 10_000, 'the timer');
    expect((await durable('instances/kill-suspended/suspend?reason=hold', { method: 'POST' })).status).toBe(202);
    expect((await api('raise/kill-suspended/Approve', { method: 'POST', body: JSON.stringify('held') })).status).toBe(202);
    await host.kill();

    host = await startDevhost({ dataDir, env });
    expect((await status('kill-suspended')).runtimeStatus).toBe('Suspended');
    expect((await durable('instances/kill-suspended/resume?reason=go', { method: 'POST' })).status).toBe(202);
    const s = await waitFor(() => status('kill-suspended'), (x) => x.runtimeStatus === 'Completed', 15_000, 'completion');
    expect(s.output).toBe('approved');
    expect(await log('kill-suspended')).toEqual(['before', 'approved:"held"']);
  });

  async function logAfterKill(id: string): Promise<string[]> {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const file = path.join(env.SAMPLE_LOG_DIR, `${id}.log`);
    return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  }
});
