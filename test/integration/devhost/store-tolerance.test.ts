import { TableClient } from '@azure/data-tables';
import { statusBody } from '../../../devhost/durable/management-payload';
import { DurableStore } from '../../../devhost/durable/store';
import type { Engine } from '../../../devhost/durable/engine';
import { startAzurite, type TableStorage } from '../../../devhost/functions-host/storage';
import { json, startDevhost, tempDir, waitFor } from '../../support/devhost-process';

/** One instance row that is not what the devhost writes (by hand, or an older version) must not break the listing. */
let storage: TableStorage;
beforeAll(async () => {
  storage = await startAzurite({});
});
afterAll(async () => {
  await storage.close();
});

test('an instance whose stored input and shim are not JSON is still listed, its input shown as written', async () => {
  const store = new DurableStore(storage.connectionString, 'TolerantHub');
  await store.init();
  const table = TableClient.fromConnectionString(storage.connectionString, 'TolerantHubInstances', { allowInsecureConnection: true });
  await table.upsertEntity({ partitionKey: 'bad-1', rowKey: 'state', name: 'Chain', status: 'Failed', executionId: 'e', createdTime: '2026-01-01T00:00:00Z', lastUpdatedTime: '2026-01-01T00:00:00Z', episode: 1, input: '{not json', shim: 'garbage', parent: '{' });
  const states = await store.listStates();
  expect(states.map((s) => s.instanceId)).toEqual(['bad-1']);
  const engine = { opts: { store } } as unknown as Engine;
  expect(await statusBody(engine, states[0] as (typeof states)[number])).toMatchObject({ instanceId: 'bad-1', input: '{not json', runtimeStatus: 'Failed' });
});

test('an instance stored with input that is not JSON fails once, with a reason, instead of being retried forever', async () => {
  const table = TableClient.fromConnectionString(storage.connectionString, 'SampleHubInstances', { allowInsecureConnection: true });
  await table.createTable();
  const at = new Date().toISOString();
  await table.upsertEntity({ partitionKey: 'poison-1', rowKey: 'state', name: 'Chain', status: 'Pending', executionId: 'e1', createdTime: at, lastUpdatedTime: at, episode: 0, input: '{not json' });
  await table.upsertEntity({ partitionKey: 'poison-1', rowKey: 'm|start|e1', enq: 1, executionId: 'e1', event: JSON.stringify({ EventType: 0, EventId: -1, Timestamp: at, Name: 'Chain', Input: '{not json' }) });
  const host = await startDevhost({ env: { AzureWebJobsStorage: storage.connectionString, SAMPLE_LOG_DIR: tempDir('devhost-poison-log') } });
  try {
    const s = await waitFor(async () => json<{ runtimeStatus: string; output: unknown }>(await fetch(`${host.url}/runtime/webhooks/durabletask/instances/poison-1`)), (x) => x.runtimeStatus !== 'Pending', 15_000, 'poison-1 to fail');
    expect(s.runtimeStatus).toBe('Failed');
    expect(String(s.output)).toContain('input is not valid JSON');
    expect((await fetch(`${host.url}/runtime/webhooks/durabletask/instances`)).status).toBe(200);
  } finally {
    await host.stop();
  }
});
