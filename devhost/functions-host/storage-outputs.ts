import type { FunctionsCore } from './functions-core';
import { tableOutputs, type StorageOutputs } from './output-bindings';
import { putBlob, putQueueMessage, serviceOf } from './storage-rest';
import { startStorageService, type RunningService } from './storage-services';

const usesOutput = (core: FunctionsCore, type: string): boolean =>
  [...core.registrations.values()].some((r) => Object.values(r.metadata.bindings).some((b) => b.type === type && b.direction === 'out'));

/**
 * The writers for storage output bindings. With the in-process Azurite, its Queue and Blob services
 * start only if some function has a queue or blob output; their endpoints join AzureWebJobsStorage.
 */
export async function startStorageOutputs(core: FunctionsCore, opts: { inProcessAzurite: boolean; dataDir: string | undefined }, env: NodeJS.ProcessEnv = process.env): Promise<{ outputs: StorageOutputs; close(): Promise<void> }> {
  const running: RunningService[] = [];
  if (opts.inProcessAzurite) {
    for (const service of ['queue', 'blob'] as const) {
      if (!usesOutput(core, service)) continue;
      const s = await startStorageService(service, opts.dataDir);
      running.push(s);
      env.AzureWebJobsStorage = `${env.AzureWebJobsStorage ?? ''}${service === 'queue' ? 'Queue' : 'Blob'}Endpoint=${s.endpoint};`;
    }
  }
  const service = (cs: string, kind: 'Queue' | 'Blob') => {
    const s = serviceOf(cs, kind);
    if (!s) throw new Error(`The storage connection has no ${kind} endpoint and account key.`);
    return s;
  };
  return {
    outputs: {
      table: tableOutputs(),
      queue: (cs, queue, message) => putQueueMessage(service(cs, 'Queue'), queue, message),
      blob: (cs, blobPath, content) => putBlob(service(cs, 'Blob'), blobPath, content),
    },
    close: async () => {
      for (const s of running) await s.close();
    },
  };
}
