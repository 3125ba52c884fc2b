import fs from 'node:fs';
import path from 'node:path';
import { DEV_ACCOUNT } from './storage';

interface AzuriteServer { start(): Promise<void>; close(): Promise<void>; httpServer: import('node:http').Server }

/** An in-process Azurite Queue or Blob service, started only for an app whose bindings use it. */
export interface RunningService { endpoint: string; close(): Promise<void> }

/**
 * Starts Azurite's Queue or Blob service on loopback (same account and key as the Table service),
 * in memory or with its files under `dataDir`.
 */
export async function startStorageService(service: 'queue' | 'blob', dataDir: string | undefined): Promise<RunningService> {
  const cap = service === 'queue' ? 'Queue' : 'Blob';
  /* eslint-disable @typescript-eslint/no-require-imports */
  const Server = require(`azurite/dist/src/${service}/${cap}Server`).default as new (config: unknown) => AzuriteServer;
  const Configuration = require(`azurite/dist/src/${service}/${cap}Configuration`).default as new (...args: unknown[]) => unknown;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const dir = dataDir ?? process.cwd();
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const persistence = dataDir ? [{ locationId: 'Default', locationPath: path.join(dataDir, `__${service}storage__`), maxConcurrency: 1 }] : undefined;
  const config = new Configuration('127.0.0.1', 0, 5, path.join(dir, `__azurite_db_${service}__.json`), path.join(dir, `__azurite_db_${service}_extent__.json`), persistence, false, undefined, false, undefined, true, true, '', '', '', undefined, false, !dataDir);
  const server = new Server(config);
  await server.start();
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { endpoint: `http://127.0.0.1:${port}/${DEV_ACCOUNT}`, close: () => server.close() };
}
