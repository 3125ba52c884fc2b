import fs from 'node:fs';
import path from 'node:path';
import { json, startDevhost, tempDir, waitFor, type DevhostProcess } from '../../support/devhost-process';

/**
 * Durable Entities through the SDK's own entity machinery (df.app.entity, callEntity/signalEntity,
 * readEntityState), with the sample app's Tally counter: one operation at a time, state in Table
 * storage, and the extension's entity routes as Azure serves them.
 */
const logDir = tempDir('devhost-entities-log');
let host: DevhostProcess;

interface Read { entityExists: boolean; entityState: number | null }
const api = (p: string, init?: RequestInit): Promise<Response> => fetch(`${host.url}/api/${p}`, init);
const durable = (p: string, init?: RequestInit): Promise<Response> => fetch(`${host.url}/runtime/webhooks/durabletask/${p}`, init);
const jsonPost = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const read = async (key: string): Promise<Read> => json<Read>(await api(`tally/${key}`));
const signal = async (key: string, op: string, input?: unknown): Promise<void> => {
  expect((await api(`tally/${key}/${op}`, input === undefined ? { method: 'POST' } : jsonPost(input))).status).toBe(202);
};
const countIs = (key: string, n: number): Promise<Read> => waitFor(() => read(key), (r) => r.entityState === n, 15_000, `tally ${key} = ${n}`);
const instance = async (id: string): Promise<{ runtimeStatus: string; output: unknown }> => json(await durable(`instances/${id}`));
const settled = (id: string): Promise<{ runtimeStatus: string; output: unknown }> => waitFor(() => instance(id), (s) => !['Pending', 'Running'].includes(s.runtimeStatus), 15_000, `${id} to finish`);

describe('entities on one devhost', () => {
  beforeAll(async () => {
    host = await startDevhost({ env: { SAMPLE_LOG_DIR: logDir } });
  });
  afterAll(async () => {
    await host.stop();
  });

  test('a client signals; readEntityState reads what the operations left, in order', async () => {
    expect(await read('c1')).toEqual({ entityExists: false, entityState: null });
    for (let i = 0; i < 10; i++) await signal('c1', 'add', 1);
    expect(await countIs('c1', 10)).toEqual({ entityExists: true, entityState: 10 });
  });

  test('an orchestration signals and calls: results, a failed operation as an exception, calls in Task.all', async () => {
    expect((await durable('orchestrators/TallyFlow/flow-1', jsonPost('f1'))).status).toBe(202);
    expect(await settled('flow-1')).toMatchObject({ runtimeStatus: 'Completed', output: { afterAdd: 5, failure: 'caught', again: 5, word: 'W' } });
  });

  test('an entity signals another; destructOnExit deletes the state', async () => {
    await signal('from', 'add', 4);
    await countIs('from', 4);
    await signal('from', 'forward', 'to');
    await countIs('to', 4);
    expect((await read('from')).entityState).toBe(0);
    await signal('from', 'delete');
    await waitFor(() => read('from'), (r) => !r.entityExists, 15_000, 'deleted');
  });

  test('the extension routes: GET state or 404, POST signal (202, 404 unknown entity, 400 not JSON), listing with paging', async () => {
    await signal('r1', 'add', 7);
    await countIs('r1', 7);
    const got = await durable('entities/Tally/r1');
    expect(got.status).toBe(200);
    expect(await json(got)).toBe(7);
    expect((await durable('entities/tally/none')).status).toBe(404);
    expect((await durable('entities/Tally/r1?op=add', jsonPost(3))).status).toBe(202);
    await countIs('r1', 10);
    expect((await durable('entities/NoSuch/k?op=add', jsonPost(1))).status).toBe(404);
    expect((await durable('entities/Tally/r1?op=add', { method: 'POST', body: '{x', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await durable('entities/Tally/r1?op=add', { method: 'POST', body: '1', headers: { 'content-type': 'text/plain' } })).status).toBe(400);

    const list = await json<Array<{ entityId: { name: string; key: string }; lastOperationTime: string; state?: unknown }>>(await durable('entities/Tally?fetchState=true'));
    expect(list.find((e) => e.entityId.key === 'r1')).toMatchObject({ entityId: { name: 'tally', key: 'r1' }, state: 10 });
    const first = await durable('entities/Tally?top=2');
    const token = first.headers.get('x-ms-continuation-token');
    const page1 = await json<Array<{ entityId: { key: string }; state?: unknown }>>(first);
    expect(page1).toHaveLength(2);
    expect(page1[0]?.state).toBeUndefined();
    expect(token).toBeTruthy();
    const rest = await json<Array<{ entityId: { key: string } }>>(await durable('entities/Tally', { headers: { 'x-ms-continuation-token': token as string } }));
    expect([...page1, ...rest].map((e) => e.entityId.key).sort()).toEqual(list.map((e) => e.entityId.key).sort());
  });

  test('locking (critical sections) fails at once, naming the feature', async () => {
    await durable('orchestrators/TallyLock/lock-1', jsonPost(null));
    const s = await settled('lock-1');
    expect(s.runtimeStatus).toBe('Failed');
    expect(String(s.output)).toContain('Entity locking');
  });
});

describe('entities across a hard kill', () => {
  afterAll(async () => {
    await host.stop();
  });

  test('a signal accepted before SIGKILL is processed after the restart, and counted once', async () => {
    const dataDir = tempDir('devhost-entities-data');
    host = await startDevhost({ dataDir, env: { SAMPLE_LOG_DIR: logDir } });
    await signal('k9', 'add', 1);
    await countIs('k9', 1);
    await signal('k9', 'slowAdd', { by: 10, ms: 1200 });
    await signal('k9', 'add', 100);
    const log = path.join(logDir, 'tally-k9.log');
    await waitFor(async () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : ''), (t) => t.includes('slow-start'), 10_000, 'the slow operation to start');
    await host.kill();

    host = await startDevhost({ dataDir, env: { SAMPLE_LOG_DIR: logDir } });
    expect(await countIs('k9', 111)).toEqual({ entityExists: true, entityState: 111 });
    // The interrupted operation ran again (at least once); its effect on the state counts once.
    expect(fs.readFileSync(log, 'utf8').split('\n').filter((l) => l === 'slow-start')).toHaveLength(2);
  });
});
