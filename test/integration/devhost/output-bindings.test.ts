import { TableClient } from '@azure/data-tables';
import path from 'node:path';
import { startAzurite, type TableStorage } from '../../../devhost/functions-host/storage';
import { ROOT, startDevhost, tempDir, type DevhostProcess } from '../../support/devhost-process';

/**
 * Output bindings: storage outputs are written where the app's connection points (here, the test's
 * own Azurite, so it can read them back); any other output type, or a `%Setting%` nobody set, stops
 * the devhost at start-up with a message naming the function and binding.
 */
describe('storage output bindings', () => {
  let storage: TableStorage;
  let host: DevhostProcess;
  beforeAll(async () => {
    storage = await startAzurite({});
    host = await startDevhost({ env: { AzureWebJobsStorage: storage.connectionString, SAMPLE_LOG_DIR: tempDir('devhost-outputs-log') } });
  });
  afterAll(async () => {
    await host.stop();
    await storage.close();
  });

  test('output.table writes the entity into the table its %Setting% names; a duplicate fails the invocation', async () => {
    const post = (key: string, text: string): Promise<Response> => fetch(`${host.url}/api/outputs/row/${key}`, { method: 'POST', body: text });
    expect((await post('r1', 'hello')).status).toBe(201);
    const table = TableClient.fromConnectionString(storage.connectionString, 'SampleOutputs', { allowInsecureConnection: true });
    expect(await table.getEntity('sample', 'r1')).toMatchObject({ partitionKey: 'sample', rowKey: 'r1', text: 'hello' });
    // As on Azure: the table output inserts, it never updates an existing entity.
    expect((await post('r1', 'again')).status).toBe(500);
    expect((await table.getEntity('sample', 'r1')).text).toBe('hello');
  });
});

test('an unsupported output type and an unresolved %Setting% stop the start, naming function and binding', async () => {
  const started = startDevhost({ appDir: path.join(ROOT, 'test', 'fixtures', 'bad-bindings-app') });
  await expect(started).rejects.toThrow(/function 'SendsSms', binding '[^']+': output binding type 'twilioSms' is not supported/);
  await expect(started).rejects.toThrow(/function 'Enqueues', binding '[^']+': queueName '%NoSuchQueueSetting%' refers to app setting 'NoSuchQueueSetting', which is not set/);
});
