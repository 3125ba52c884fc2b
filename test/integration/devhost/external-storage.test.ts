import { TableClient } from '@azure/data-tables';
import { startAzurite, type TableStorage } from '../../../devhost/functions-host/storage';
import { startDevhost, tempDir, waitFor, type DevhostProcess } from '../../support/devhost-process';

/** With AzureWebJobsStorage set to a real connection string, the devhost uses it and starts no Azurite. */
describe('devhost with an external storage account', () => {
  let storage: TableStorage;
  let host: DevhostProcess;
  beforeAll(async () => {
    storage = await startAzurite({});
    host = await startDevhost({ env: { AzureWebJobsStorage: storage.connectionString, SAMPLE_LOG_DIR: tempDir('devhost-external-log') } });
  });
  afterAll(async () => {
    await host.stop();
    await storage.close();
  });

  test('orchestration state lands in the configured account', async () => {
    expect(host.output()).toContain('Storage:  AzureWebJobsStorage');
    expect((await fetch(`${host.url}/api/start/Chain/ext-1`, { method: 'POST', body: '["x"]' })).status).toBe(202);
    await waitFor(async () => (await fetch(`${host.url}/api/status/ext-1`).then((r) => r.json())) as { runtimeStatus: string }, (s) => s.runtimeStatus === 'Completed', 15_000, 'completion');
    const instances = TableClient.fromConnectionString(storage.connectionString, 'SampleHubInstances', { allowInsecureConnection: true });
    const state = await instances.getEntity('ext-1', 'state');
    expect(state.status).toBe('Completed');
  });
});
