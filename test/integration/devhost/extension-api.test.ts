import { json, startDevhost, tempDir, waitFor, type DevhostProcess } from '../../support/devhost-process';

/**
 * The Durable extension's HTTP API as a poller or a client without the SDK sees it: status codes and
 * headers per runtime status, the management payload on start, and bad input refused with 400 before
 * anything is created or changed.
 */
let host: DevhostProcess;
beforeAll(async () => {
  host = await startDevhost({ env: { SAMPLE_LOG_DIR: tempDir('devhost-api-log') } });
});
afterAll(async () => {
  await host.stop();
});

interface Status { runtimeStatus: string; output: unknown; input: unknown }
const durable = (path: string, init?: RequestInit): Promise<Response> => fetch(`${host.url}/runtime/webhooks/durabletask/${path}`, init);
const jsonPost = (body: string): RequestInit => ({ method: 'POST', body, headers: { 'content-type': 'application/json' } });
const start = async (name: string, id: string, input?: unknown): Promise<Response> => durable(`orchestrators/${name}/${id}`, jsonPost(input === undefined ? '' : JSON.stringify(input)));
const state = async (id: string): Promise<Status> => json<Status>(await durable(`instances/${id}`));
const settled = (id: string): Promise<Status> => waitFor(() => state(id), (s) => !['Pending', 'Running'].includes(s.runtimeStatus), 15_000, `${id} to finish`);

describe('status codes of the status query URL', () => {
  test('Completed, Failed and Terminated answer 200; Failed answers 500 only with returnInternalServerErrorOnFailure', async () => {
    await start('Chain', 'codes-done', ['a']);
    await start('Thrower', 'codes-failed');
    await start('Forever', 'codes-term');
    await waitFor(() => state('codes-term'), (s) => s.runtimeStatus === 'Running', 10_000, 'running');
    await durable('instances/codes-term/terminate?reason=test', { method: 'POST' });
    expect((await settled('codes-done')).runtimeStatus).toBe('Completed');
    expect((await settled('codes-failed')).runtimeStatus).toBe('Failed');
    expect((await settled('codes-term')).runtimeStatus).toBe('Terminated');
    for (const id of ['codes-done', 'codes-failed', 'codes-term']) expect((await durable(`instances/${id}`)).status).toBe(200);
    expect((await durable('instances/codes-failed?returnInternalServerErrorOnFailure=true')).status).toBe(500);
    expect((await durable('instances/codes-done?returnInternalServerErrorOnFailure=true')).status).toBe(200);
    expect((await durable('instances/codes-term?returnInternalServerErrorOnFailure=true')).status).toBe(200);
  });

  test('a running instance answers 202 with Location (the status URL) and Retry-After', async () => {
    await start('Forever', 'codes-running');
    await waitFor(() => state('codes-running'), (s) => s.runtimeStatus === 'Running', 10_000, 'running');
    const url = `${host.url}/runtime/webhooks/durabletask/instances/codes-running?taskHub=SampleHub`;
    const res = await fetch(url);
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(url);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    await durable('instances/codes-running/terminate?reason=done', { method: 'POST' });
  });
});

describe('starting an instance', () => {
  test('answers 202 with Location, Retry-After and the management payload', async () => {
    const res = await start('Forever', 'start-payload');
    expect(res.status).toBe(202);
    const body = await json<Record<string, string>>(res);
    expect(Object.keys(body).sort()).toEqual(['id', 'purgeHistoryDeleteUri', 'restartPostUri', 'resumePostUri', 'rewindPostUri', 'sendEventPostUri', 'statusQueryGetUri', 'suspendPostUri', 'terminatePostUri']);
    expect(body.id).toBe('start-payload');
    expect(res.headers.get('location')).toBe(body.statusQueryGetUri);
    expect(res.headers.get('retry-after')).toBeTruthy();
    expect(body.sendEventPostUri).toContain('/instances/start-payload/raiseEvent/{eventName}?');
    expect((await fetch(body.statusQueryGetUri as string)).status).toBe(202);
    await fetch((body.terminatePostUri as string).replace('{text}', 'done'), { method: 'POST' });
  });

  test('with timeout, waits for the instance and answers 200 with its output', async () => {
    const res = await durable('orchestrators/Chain/start-wait?timeout=20&pollingInterval=1', jsonPost(JSON.stringify(['w'])));
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual(['W']);
  });

  test('with timeout, answers 202 with the payload when the instance is still running', async () => {
    const res = await durable('orchestrators/Forever/start-wait-running?timeout=1&pollingInterval=1', jsonPost(''));
    expect(res.status).toBe(202);
    expect((await json<{ id: string }>(res)).id).toBe('start-wait-running');
    await durable('instances/start-wait-running/terminate?reason=done', { method: 'POST' });
  });
});

describe('bad input is refused with 400 and changes nothing', () => {
  test('a start body that is not JSON creates no instance, and the instance list still answers', async () => {
    const res = await durable('orchestrators/Chain/bad-start', jsonPost('{not json'));
    expect(res.status).toBe(400);
    expect((await durable('instances/bad-start')).status).toBe(404);
    const list = await durable('instances');
    expect(list.status).toBe(200);
    expect((await json<Array<{ instanceId: string }>>(list)).map((s) => s.instanceId)).not.toContain('bad-start');
  });

  test('a raiseEvent body that is not JSON, or not sent as application/json, leaves the orchestration waiting', async () => {
    await start('Race', 'bad-event', { waitMinutes: 30 });
    await waitFor(() => state('bad-event'), (s) => s.runtimeStatus === 'Running', 10_000, 'running');
    expect((await durable('instances/bad-event/raiseEvent/Approve', jsonPost('{oops'))).status).toBe(400);
    expect((await durable('instances/bad-event/raiseEvent/Approve', { method: 'POST', body: '"ok"', headers: { 'content-type': 'text/plain' } })).status).toBe(400);
    expect((await state('bad-event')).runtimeStatus).toBe('Running');
    expect((await durable('instances/bad-event/raiseEvent/Approve', jsonPost('{"by":"ana"}'))).status).toBe(202);
    expect(await settled('bad-event')).toMatchObject({ runtimeStatus: 'Completed', output: 'approved' });
  });
});

describe('management', () => {
  test('a failed orchestration prints its reason on the console', async () => {
    await settled('codes-failed');
    expect(host.output()).toMatch(/orchestration Thrower \(codes-failed\) failed: .*kaboom/);
  });

  test('the instance list filters by instanceIdPrefix and pages with top and the continuation token', async () => {
    for (const n of [1, 2, 3]) await start('Chain', `page-${n}`, ['p']);
    for (const n of [1, 2, 3]) await settled(`page-${n}`);
    const first = await durable('instances?instanceIdPrefix=page-&top=2');
    const token = first.headers.get('x-ms-continuation-token');
    expect((await json<Array<{ instanceId: string }>>(first)).map((s) => s.instanceId)).toEqual(['page-1', 'page-2']);
    expect(token).toBeTruthy();
    const second = await durable('instances?instanceIdPrefix=page-&top=2', { headers: { 'x-ms-continuation-token': token as string } });
    expect(second.headers.get('x-ms-continuation-token')).toBeNull();
    expect((await json<Array<{ instanceId: string }>>(second)).map((s) => s.instanceId)).toEqual(['page-3']);
  });

  test('suspend holds an instance (events wait), resume lets it finish', async () => {
    await start('Race', 'suspend-1', { waitMinutes: 30 });
    await waitFor(() => state('suspend-1'), (s) => s.runtimeStatus === 'Running', 10_000, 'running');
    expect((await durable('instances/suspend-1/suspend?reason=hold', { method: 'POST' })).status).toBe(202);
    expect((await state('suspend-1')).runtimeStatus).toBe('Suspended');
    expect((await durable('instances/suspend-1/raiseEvent/Approve', jsonPost('"later"'))).status).toBe(202);
    expect((await state('suspend-1')).runtimeStatus).toBe('Suspended');
    expect((await durable('instances/suspend-1/resume?reason=go', { method: 'POST' })).status).toBe(202);
    expect(await settled('suspend-1')).toMatchObject({ runtimeStatus: 'Completed', output: 'approved' });
    expect((await durable('instances/suspend-1/suspend', { method: 'POST' })).status).toBe(410);
    expect((await durable('instances/no-such/suspend', { method: 'POST' })).status).toBe(404);
  });

  test('restart runs a finished instance again with its input; rewind is refused, naming the feature', async () => {
    await start('Chain', 'restart-1', ['r']);
    await settled('restart-1');
    const res = await durable('instances/restart-1/restart?restartWithNewInstanceId=false', { method: 'POST' });
    expect(res.status).toBe(202);
    expect((await json<{ id: string }>(res)).id).toBe('restart-1');
    expect(await settled('restart-1')).toMatchObject({ runtimeStatus: 'Completed', output: ['R'] });
    const fresh = await json<{ id: string }>(await durable('instances/restart-1/restart', { method: 'POST' }));
    expect(fresh.id).not.toBe('restart-1');
    expect(await settled(fresh.id)).toMatchObject({ runtimeStatus: 'Completed', output: ['R'], input: ['r'] });
    const rewind = await durable('instances/codes-failed/rewind?reason=x', { method: 'POST' });
    expect(rewind.status).toBe(501);
    expect(await json(rewind)).toMatch(/Rewind is not supported by the devhost/);
  });

  test('purge by filter deletes the finished instances that match and leaves running ones', async () => {
    await start('Forever', 'purge-running');
    await waitFor(() => state('purge-running'), (s) => s.runtimeStatus === 'Running', 10_000, 'running');
    const from = encodeURIComponent(new Date(Date.now() - 86_400_000 * 365).toISOString());
    const res = await durable(`instances?createdTimeFrom=${from}&runtimeStatus=Completed,Failed,Terminated,Running`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect((await json<{ instancesDeleted: number }>(res)).instancesDeleted).toBeGreaterThanOrEqual(3);
    expect((await durable('instances/page-1')).status).toBe(404);
    expect((await durable('instances/codes-failed')).status).toBe(404);
    expect((await state('purge-running')).runtimeStatus).toBe('Running');
    expect((await durable(`instances?createdTimeFrom=${from}&runtimeStatus=Completed`, { method: 'DELETE' })).status).toBe(404);
    await durable('instances/purge-running/terminate?reason=done', { method: 'POST' });
  });
});

describe('showHistory', () => {
  test('historyEvents as the extension shows them: names, function names, outputs only with showHistoryOutput', async () => {
    await start('Chain', 'history-1', ['h']);
    await settled('history-1');
    type Ev = { EventType: string; FunctionName?: string; Result?: unknown; ScheduledTime?: string };
    const plain = (await json<{ historyEvents: Ev[] }>(await durable('instances/history-1?showHistory=true'))).historyEvents;
    expect(plain.map((e) => e.EventType)).toEqual(['ExecutionStarted', 'TaskCompleted', 'ExecutionCompleted']);
    expect(plain[0]).toMatchObject({ FunctionName: 'Chain' });
    expect(plain[1]).toMatchObject({ FunctionName: 'Upper' });
    expect(plain[1]?.ScheduledTime).toBeTruthy();
    expect(plain.some((e) => 'Result' in e)).toBe(false);
    const withOutput = (await json<{ historyEvents: Ev[] }>(await durable('instances/history-1?showHistory=true&showHistoryOutput=true'))).historyEvents;
    expect(withOutput[1]?.Result).toBe('H');
    expect(withOutput[2]?.Result).toEqual(['H']);
  });
});
