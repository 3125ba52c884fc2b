import { json, startDevhost, tempDir, waitFor, type DevhostProcess } from '../../support/devhost-process';

/**
 * callActivityWithRetry as Durable Task runs it: a back-off timer after every failure, the last one
 * included, and no attempt after retryTimeout has passed. Back-offs are minutes on the virtual clock,
 * so real time spent by the test never counts.
 */
let host: DevhostProcess;
beforeAll(async () => {
  host = await startDevhost({ env: { SAMPLE_LOG_DIR: tempDir('devhost-retry-log') } });
});
afterAll(async () => {
  await host.stop();
});

interface Status { runtimeStatus: string; output: unknown; historyEvents?: Array<{ EventType: string }> }
const api = (p: string, init?: RequestInit): Promise<Response> => fetch(`${host.url}/api/${p}`, init);
const status = async (id: string): Promise<Status> => json<Status>(await fetch(`${host.url}/runtime/webhooks/durabletask/instances/${id}?showHistory=true`));
const log = async (id: string): Promise<string[]> => json<string[]>(await api(`log/${id}`));
const failures = (id: string, n: number): Promise<string[]> => waitFor(() => log(id), (l) => l.filter((x) => x === 'flaky-failure').length === n, 10_000, `${n} failure(s)`);
/** Waits until the back-off timer after the n-th failure exists, so advancing the clock passes it. */
const timers = (id: string, n: number): Promise<Status> => waitFor(() => status(id), (s) => (s.historyEvents ?? []).filter((e) => e.EventType === 'TimerCreated').length === n, 10_000, `${n} timer(s)`);
const advance = async (d: string): Promise<void> => {
  expect((await fetch(`${host.url}/dev/clock`, { method: 'POST', body: JSON.stringify({ advance: d }) })).status).toBe(200);
};

test('retryTimeout stops the attempts: 3 of 5 fit in 15 minutes of 10-minute back-offs, and the last failure surfaces', async () => {
  const id = 'retry-timeout';
  await api(`start/RetryFor/${id}`, { method: 'POST', body: JSON.stringify({ failTimes: 10, attempts: 5, firstMs: 600_000, timeoutMs: 900_000 }) });
  await failures(id, 1);
  await timers(id, 1);
  await advance('PT10M');
  await failures(id, 2);
  await timers(id, 2);
  await advance('PT10M');
  const s = await waitFor(() => status(id), (x) => x.runtimeStatus === 'Failed', 10_000, 'failure');
  expect(JSON.stringify(s.output)).toContain('flaky failure 3');
  expect((await log(id)).filter((x) => x === 'flaky-attempt')).toHaveLength(3);
});

test('after the last attempt fails, the failure surfaces one back-off interval later', async () => {
  const id = 'retry-last';
  await api(`start/RetryFor/${id}`, { method: 'POST', body: JSON.stringify({ failTimes: 10, attempts: 2, firstMs: 600_000 }) });
  await failures(id, 1);
  await timers(id, 1);
  await advance('PT10M');
  await failures(id, 2);
  await timers(id, 2);
  expect((await status(id)).runtimeStatus).toBe('Running');
  await advance('PT10M');
  const s = await waitFor(() => status(id), (x) => x.runtimeStatus === 'Failed', 10_000, 'failure');
  expect(JSON.stringify(s.output)).toContain('flaky failure 2');
  expect((await log(id)).filter((x) => x === 'flaky-attempt')).toHaveLength(2);
});
