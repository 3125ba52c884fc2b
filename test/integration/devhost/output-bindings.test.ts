import { TableClient } from '@azure/data-tables';
import path from 'node:path';
import { startAzurite, type TableStorage } from '../../../devhost/functions-host/storage';
import { serviceOf, storageRequest } from '../../../devhost/functions-host/storage-rest';
import { startStorageService, type RunningService } from '../../../devhost/functions-host/storage-services';
import { ROOT, startDevhost, tempDir, type DevhostProcess } from '../../support/devhost-process';

/**
 * Output bindings: storage outputs are written where the app's connection points (here, the test's
 * own Azurite, so it can read them back); any other output type, or a `%Setting%` nobody set, stops
 * the devhost at start-up with a message naming the function and binding.
 */
describe('storage output bindings', () => {
  let storage: TableStorage;
  let queue: RunningService;
  let blob: RunningService;
  let connectionString: string;
  let host: DevhostProcess;
  beforeAll(async () => {
    storage = await startAzurite({});
    queue = await startStorageService('queue', undefined);
    blob = await startStorageService('blob', undefined);
    connectionString = `${storage.connectionString}QueueEndpoint=${queue.endpoint};BlobEndpoint=${blob.endpoint};`;
    host = await startDevhost({ env: { AzureWebJobsStorage: connectionString, SAMPLE_LOG_DIR: tempDir('devhost-outputs-log') } });
  });
  afterAll(async () => {
    await host.stop();
    await Promise.all([storage.close(), queue.close(), blob.close()]);
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

  test('output.storageQueue puts the message, base64-encoded as the binding does', async () => {
    expect((await fetch(`${host.url}/api/outputs/message`, { method: 'POST', body: JSON.stringify({ n: 1 }) })).status).toBe(202);
    const peek = await storageRequest(serviceOf(connectionString, 'Queue') as NonNullable<ReturnType<typeof serviceOf>>, 'GET', '/sample-outputs/messages?peekonly=true');
    expect(peek.status).toBe(200);
    const text = /<MessageText>([^<]*)<\/MessageText>/.exec(peek.text)?.[1] ?? '';
    expect(JSON.parse(Buffer.from(text, 'base64').toString('utf8'))).toEqual({ n: 1 });
  });

  test('output.storageBlob writes the blob at the path its {name} expression gives; an expression without a value fails the invocation', async () => {
    expect((await fetch(`${host.url}/api/outputs/blob/latest`, { method: 'POST', body: 'blob body' })).status).toBe(201);
    const got = await storageRequest(serviceOf(connectionString, 'Blob') as NonNullable<ReturnType<typeof serviceOf>>, 'GET', '/sample-outputs/latest.txt');
    expect(got).toEqual({ status: 200, text: 'blob body' });
    expect((await fetch(`${host.url}/api/outputs/orphan`, { method: 'POST', body: '' })).status).toBe(500);
    expect(host.output()).toContain("the binding expression '{missing}' has no value");
  });
});

test('an unsupported output type and an unresolved %Setting% stop the start, naming function and binding', async () => {
  const started = startDevhost({ appDir: path.join(ROOT, 'test', 'fixtures', 'bad-bindings-app') });
  await expect(started).rejects.toThrow(/function 'SendsSms', binding '[^']+': output binding type 'twilioSms' is not supported/);
  await expect(started).rejects.toThrow(/function 'Enqueues', binding '[^']+': queueName '%NoSuchQueueSetting%' refers to app setting 'NoSuchQueueSetting', which is not set/);
});
