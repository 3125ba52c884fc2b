import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** The Azurite version whose in-process API (deep imports, constructor arguments) this file was written against. */
export const TESTED_STORAGE_VERSIONS = { azurite: '3.37.0' } as const;

/** Azurite's well-known development account (public, documented by Microsoft). */
export const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** Requests this process's in-process Azurite has served (benchmarks read it). */
/** Requests Azurite served, in total and per table (`$batch` for transactions, `Tables` for table creation). */
export const storageStats = { writes: 0, reads: 0, byTable: new Map<string, { reads: number; writes: number }>() };

export interface TableStorage {
  /** A connection string the Azure SDK accepts for this Table endpoint. */
  connectionString: string;
  tableEndpoint: string;
  /** Persists everything acknowledged so far (no-op in memory). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

interface AzuriteTableServer {
  start(): Promise<void>;
  close(): Promise<void>;
  httpServer: Server;
  getHttpServerAddress(): string;
  metadataStore: { saveDBState(): Promise<void>; db: { autosaveDisable(): void } };
}

/**
 * Starts Azurite's Table service inside this process on loopback. With a data directory, every write
 * is on disk before its response is sent: Azurite itself saves its LokiJS file only every 5 s, which
 * would lose acknowledged writes on a hard kill, so writes are held until a save that began after
 * them has finished (a group commit: one save covers every write that arrived meanwhile).
 */
export async function startAzurite(options: { dataDir?: string; port?: number }): Promise<TableStorage> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const TableServer = require('azurite/dist/src/table/TableServer').default as new (config: unknown) => AzuriteTableServer;
  const TableConfiguration = require('azurite/dist/src/table/TableConfiguration').default as new (...args: unknown[]) => unknown;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const inMemory = !options.dataDir;
  let dbPath = path.join(process.cwd(), '__azurite_db_table_inmemory__.json');
  if (options.dataDir) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    dbPath = path.join(options.dataDir, '__azurite_db_table__.json');
  }
  const config = new TableConfiguration('127.0.0.1', options.port ?? 0, 5, dbPath, false, false, undefined, undefined, true, true, '', '', '', undefined, false, inMemory);
  const server = new TableServer(config);
  await server.start();
  const store = server.metadataStore;
  countRequests(server.httpServer);
  let save: () => Promise<void> = async () => {};
  if (!inMemory) {
    store.db.autosaveDisable();
    save = groupCommit(() => store.saveDBState());
    holdWritesUntilSaved(server.httpServer, save);
  }
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const tableEndpoint = `http://127.0.0.1:${port}/${DEV_ACCOUNT}`;
  return {
    tableEndpoint,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};TableEndpoint=${tableEndpoint};`,
    flush: save,
    close: async () => {
      await save();
      await server.close();
    },
  };
}

function countRequests(httpServer: Server): void {
  httpServer.prependListener('request', (req: IncomingMessage) => {
    const read = ['GET', 'HEAD', 'OPTIONS'].includes((req.method ?? 'GET').toUpperCase());
    if (read) storageStats.reads++;
    else storageStats.writes++;
    // `/<account>/<Table>(PartitionKey=…)` or `/<account>/<Table>()?$filter=…`: the name before the parenthesis.
    const table = /^\/[^/]+\/([^/(?]+)/.exec(req.url ?? '')?.[1] ?? '?';
    const counts = storageStats.byTable.get(table) ?? { reads: 0, writes: 0 };
    if (read) counts.reads++;
    else counts.writes++;
    storageStats.byTable.set(table, counts);
  });
}

/** Coalesces concurrent save requests: each caller resolves after a save that started after its call. */
function groupCommit(saveOnce: () => Promise<void>): () => Promise<void> {
  let waiting: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  let running = false;
  const drain = async (): Promise<void> => {
    running = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        await saveOnce();
        batch.forEach((w) => w.resolve());
      } catch (err) {
        batch.forEach((w) => w.reject(err));
      }
    }
    running = false;
  };
  return () =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ resolve, reject });
      if (!running) void drain();
    });
}

function holdWritesUntilSaved(httpServer: Server, save: () => Promise<void>): void {
  const listeners = httpServer.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  httpServer.removeAllListeners('request');
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      (res as unknown as { end: (...args: unknown[]) => ServerResponse }).end = (...args: unknown[]) => {
        save().then(
          () => end(...args),
          () => {
            res.destroy();
          },
        );
        return res;
      };
    }
    for (const listener of listeners) listener(req, res);
  });
}

/**
 * Parses an Azure Storage connection string far enough to tell the development shortcut from a
 * real account, so the devhost knows whether to start Azurite.
 */
export function isDevelopmentStorage(connectionString: string | undefined): boolean {
  return !connectionString || /UseDevelopmentStorage=true/i.test(connectionString);
}
