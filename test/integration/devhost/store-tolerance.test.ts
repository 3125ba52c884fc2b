import { TableClient } from '@azure/data-tables';
import { statusBody } from '../../../devhost/durable/management-payload';
import { DurableStore } from '../../../devhost/durable/store';
import type { Engine } from '../../../devhost/durable/engine';
import { startAzurite, type TableStorage } from '../../../devhost/functions-host/storage';

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
