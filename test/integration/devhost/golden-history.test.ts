import { TableClient } from '@azure/data-tables';
import { startAzurite, type TableStorage } from '../../../devhost/functions-host/storage';
import { json, startDevhost, tempDir, waitFor, type DevhostProcess } from '../../support/devhost-process';
import { expectGolden, normaliseHistory, readHistoryRows } from './golden-history';

/**
 * Golden histories: what the devhost writes to Table storage for a few orchestrations of the sample
 * app, diffed against test/golden/devhost/*.json. They pin the host's side of the replay protocol
 * (task numbering, retry and timer events, episode boundaries) across refactorings and upgrades of
 * durable-functions. UPDATE_GOLDEN=1 rewrites the files.
 */
let storage: TableStorage;
let host: DevhostProcess;
let table: TableClient;
beforeAll(async () => {
  // The test's own Azurite, so it can read the rows the devhost wrote.
  storage = await startAzurite({});
  host = await startDevhost({ env: { AzureWebJobsStorage: storage.connectionString, SAMPLE_LOG_DIR: tempDir('devhost-golden-log') } });
  table = TableClient.fromConnectionString(storage.connectionString, 'SampleHubInstances', { allowInsecureConnection: true });
});
afterAll(async () => {
  await host.stop();
  await storage.close();
});

const durable = (path: string, init?: RequestInit): Promise<Response> => fetch(`${host.url}/runtime/webhooks/durabletask/${path}`, init);
const start = async (name: string, id: string, input: unknown): Promise<void> => {
  expect((await durable(`orchestrators/${name}/${id}`, { method: 'POST', body: JSON.stringify(input) })).status).toBe(202);
};
const finished = (id: string): Promise<{ runtimeStatus: string }> =>
  waitFor(async () => json<{ runtimeStatus: string }>(await durable(`instances/${id}`)), (s) => !['Pending', 'Running'].includes(s.runtimeStatus), 15_000, `${id} to finish`);
const timerCreated = (id: string): Promise<unknown> =>
  waitFor(() => readHistoryRows(table, id), (rows) => rows.some((r) => r.events.some((e) => e.EventType === 10)), 15_000, `${id}'s timer`);
const advance = async (duration: string): Promise<void> => {
  expect((await fetch(`${host.url}/dev/clock`, { method: 'POST', body: JSON.stringify({ advance: duration }) })).status).toBe(200);
};
const history = async (...ids: string[]): Promise<Record<string, unknown>> =>
  Object.fromEntries(await Promise.all(ids.map(async (id) => [id, normaliseHistory(await readHistoryRows(table, id))] as const)));

describe('golden durable histories', () => {
  test('chaining: three activities one after another', async () => {
    await start('Chain', 'golden-chain', ['a', 'b', 'c']);
    expect((await finished('golden-chain')).runtimeStatus).toBe('Completed');
    expectGolden('chain', await history('golden-chain'));
  });

  test('fan-out/fan-in: three activities at once, numbered in creation order', async () => {
    await start('FanOut', 'golden-fan-out', ['a', 'b', 'c']);
    expect((await finished('golden-fan-out')).runtimeStatus).toBe('Completed');
    expectGolden('fan-out', await history('golden-fan-out'));
  });

  test('timer vs event: the event wins and the timer is cancelled; the timer wins when the clock passes it', async () => {
    await start('Race', 'golden-race-event', { waitMinutes: 60 });
    await timerCreated('golden-race-event');
    expect((await durable('instances/golden-race-event/raiseEvent/Approve', { method: 'POST', body: '"yes"', headers: { 'content-type': 'application/json' } })).status).toBe(202);
    expect((await finished('golden-race-event')).runtimeStatus).toBe('Completed');
    await start('Race', 'golden-race-timer', { waitMinutes: 60 });
    await timerCreated('golden-race-timer');
    await advance('PT2H');
    expect((await finished('golden-race-timer')).runtimeStatus).toBe('Completed');
    expectGolden('race', await history('golden-race-event', 'golden-race-timer'));
  });

  test('continue-as-new: three executions of one instance', async () => {
    await start('Counter', 'golden-counter', 1);
    expect((await finished('golden-counter')).runtimeStatus).toBe('Completed');
    expectGolden('continue-as-new', await history('golden-counter'));
  });

  test('an activity with retry: two failures, back-off timers of 1 s and 2 s, then success', async () => {
    await start('Retry', 'golden-retry', { failTimes: 2, attempts: 3 });
    // The clock steps through each back-off timer and lets the attempt it starts finish.
    await advance('PT10S');
    expect((await finished('golden-retry')).runtimeStatus).toBe('Completed');
    expectGolden('retry', await history('golden-retry'));
  });

  test('a sub-orchestration: the child gets the parent-derived instance ID', async () => {
    await start('Parent', 'golden-parent', null);
    expect((await finished('golden-parent')).runtimeStatus).toBe('Completed');
    await finished('golden-parent:0000');
    expectGolden('sub-orchestration', await history('golden-parent', 'golden-parent:0000'));
  });
});
