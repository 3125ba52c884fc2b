import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { loadApp } from './app-loader';
import { checkBindings } from './bindings';
import { startStorageOutputs } from './storage-outputs';
import { VirtualClock } from './clock';
import { handleEventGrid } from './event-grid';
import { extensionInputs, type ExtensionPage, type ExtensionRoute, type HostExtension, type HostServices } from './extension';
import { FunctionsCore, installFunctionsCore } from './functions-core';
import { HostMeta } from './host-meta';
import { readBody, sendJson } from './http-bridge';
import { buildHttpRoutes, describeFunctions, serveHttpFunction, type HttpRoute } from './http-functions';
import { toError } from './invoke';
import { consoleLogger, type Logger } from './logger';
import { loadLocalSettings, readHostJson } from './settings';
import { isDevelopmentStorage, startAzurite, type TableStorage } from './storage';
import { TimerTriggers } from './timer-triggers';

export interface FunctionsHostOptions {
  appDir: string;
  port?: number;
  /** Where Azurite keeps its data; null keeps everything in memory. */
  dataDir: string | null;
  log?: Logger;
  /** Plugged in in this order (see HostExtension). */
  extensions?: HostExtension[];
  /** Masks secrets in a request path before it is logged (the host cannot know which parts are). */
  redactPath?: (path: string) => string;
}

const MAX_BODY = 100 * 1024 * 1024;
const CLOCK_KEY = 'clockOffsetMs';

/** A running host: the app's functions served and triggered as the Functions host would. */
export interface FunctionsHost {
  url: string;
  core: FunctionsCore;
  clock: VirtualClock;
  routePrefix: string;
  httpRoutes: HttpRoute[];
  /** The extensions' pages, with absolute URLs. */
  pages: Array<ExtensionPage & { url: string }>;
  settingsFile: string;
  storage: string;
  stop(): Promise<void>;
}

export async function startFunctionsHost(opts: FunctionsHostOptions): Promise<FunctionsHost> {
  const log = opts.log ?? consoleLogger();
  const extensions = opts.extensions ?? [];
  const settings = loadLocalSettings(opts.appDir);
  const hostJson = readHostJson(opts.appDir);
  let storage: TableStorage | undefined;
  if (isDevelopmentStorage(process.env.AzureWebJobsStorage)) {
    storage = await startAzurite({ dataDir: opts.dataDir ?? undefined });
    process.env.AzureWebJobsStorage = storage.connectionString;
  }
  const connectionString = process.env.AzureWebJobsStorage as string;
  const meta = new HostMeta(connectionString, hostJson.hubName);
  await meta.init();
  const clock = new VirtualClock(Number((await meta.get(CLOCK_KEY)) ?? 0));
  const redact = opts.redactPath ?? ((p: string) => p);

  let handler: (req: IncomingMessage, res: ServerResponse) => Promise<void> = async (_req, res) => sendJson(res, 503, { message: 'Starting…' });
  const server = http.createServer((req, res) => {
    handler(req, res).catch((err: unknown) => {
      log.error(`request ${req.method} ${redact(req.url ?? '')}: ${toError(err).stack}`);
      if (!res.headersSent) sendJson(res, 500, { message: 'The devhost failed to handle the request.' });
    });
  });
  const port = opts.port ?? settings.Host.LocalHttpPort ?? 7071;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new Error(`Port ${port} is already in use: stop the other process or set PORT.`) : err));
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${actualPort}`;
  process.env.WEBSITE_HOSTNAME = `127.0.0.1:${actualPort}`;

  const core = new FunctionsCore();
  installFunctionsCore(core);
  // Timer functions get the same input bindings as HTTP ones (a durable client, for instance).
  const triggers = new TimerTriggers(core, clock, log, extensionInputs(extensions));
  const services: HostServices = { url, appDir: opts.appDir, core, clock, log, hostJson, connectionString, triggers, persistClock: () => meta.set(CLOCK_KEY, String(clock.offset)) };
  for (const e of extensions) await e.beforeAppLoad?.(services);
  loadApp(opts.appDir);
  if (!core.programmingModel) throw new Error('The app registered no programming model: do its entry files import @azure/functions?');
  checkBindings(core, process.env);
  const storageOutputs = await startStorageOutputs(core, { inProcessAzurite: storage !== undefined, dataDir: opts.dataDir ?? undefined });
  core.outputs = storageOutputs.outputs;
  await core.runHooks('appStart', { hookData: {}, appHookData: core.appHookData, functionAppDirectory: opts.appDir });
  for (const e of extensions) await e.start?.(services);
  await triggers.start();

  const extensionRoutes: ExtensionRoute[] = extensions.flatMap((e) => e.routes?.() ?? []);
  const pages = extensions.flatMap((e) => e.pages?.() ?? []).map((p) => ({ ...p, url: `${url}${p.path}` }));
  const httpRoutes = buildHttpRoutes(core, log);
  const prefix = hostJson.routePrefix ? `/${hostJson.routePrefix}` : '';
  const functions = { core, log, routes: httpRoutes, prefix, inputs: extensionInputs(extensions) };

  handler = async (req, res) => {
    const reqUrl = new URL(req.url ?? '/', url);
    const body = await readBody(req, MAX_BODY);
    if (!body) return sendJson(res, 413, { message: 'Request body too large.' });
    const route = extensionRoutes.find((r) => (r.prefix ? reqUrl.pathname.startsWith(r.path) : reqUrl.pathname === r.path));
    if (route) return route.handle(req, res, reqUrl, body);
    if (reqUrl.pathname.toLowerCase() === '/runtime/webhooks/eventgrid') return handleEventGrid(core, log, req, res, reqUrl, body);
    if (reqUrl.pathname === '/' || reqUrl.pathname === '/dev') return sendJson(res, 200, { api: `${url}${prefix}`, functions: describeFunctions(core), dev: Object.fromEntries(pages.map((p) => [p.name, p.url])) });
    return serveHttpFunction(functions, req, res, reqUrl, body);
  };

  const stop = async (): Promise<void> => {
    for (const e of [...extensions].reverse()) await e.stop?.();
    triggers.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await core.runHooks('appTerminate', { hookData: {}, appHookData: core.appHookData });
    await services.persistClock();
    await storageOutputs.close();
    if (storage) await storage.close();
  };
  const storageText = storage ? (opts.dataDir ? `Azurite (in-process), data in ${opts.dataDir}` : 'Azurite (in-process), in memory') : 'AzureWebJobsStorage';
  return { url, core, clock, routePrefix: prefix, httpRoutes, pages, settingsFile: settings.file, storage: storageText, stop };
}
