import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { Duration } from 'luxon';
import { loadApp } from './app-loader';
import { ClockController } from './clock-controller';
import { createDevIssuer, DEVHOST_LITERAL, useDevIssuer } from './dev-issuer';
import { exposeClock, VirtualClock } from './clock';
import type { Registration, RpcTypedData } from './core-types';
import { Engine, isClient } from './durable/engine';
import { DURABLE_PREFIX, durableClientData, handleDurableApi } from './durable/http-api';
import { DurableStore } from './durable/store';
import { handleEventGrid } from './event-grid';
import { FunctionsCore, installFunctionsCore } from './functions-core';
import { httpOutput, readBody, sendJson, toRpcHttp, writeRpcHttp } from './http-bridge';
import { invokeFunction, toError } from './invoke';
import { consoleLogger, type Logger } from './logger';
import { compareRoutes, matchRoute, parseRoute, type RouteTemplate } from './routes';
import { loadLocalSettings, readHostJson } from './settings';
import { isDevelopmentStorage, startAzurite, type TableStorage } from './storage';
import { outboxRoute } from './outbox-page';
import { TimerTriggers } from './timer-triggers';

export interface DevhostOptions {
  appDir: string;
  port?: number;
  /** Where Azurite keeps its data; null keeps everything in memory. */
  dataDir: string | null;
  log?: Logger;
}

interface HttpRoute { reg: Registration; route: RouteTemplate; methods: string[] }
const MAX_BODY = 100 * 1024 * 1024;
const CLOCK_KEY = 'clockOffsetMs';

/** A running devhost: the app's functions served and triggered as the Functions host would. */
export interface Devhost { url: string; core: FunctionsCore; engine: Engine; clock: VirtualClock; routePrefix: string; httpRoutes: HttpRoute[]; settingsFile: string; storage: string; stop(): Promise<void> }

export async function startDevhost(opts: DevhostOptions): Promise<Devhost> {
  const log = opts.log ?? consoleLogger();
  const settings = loadLocalSettings(opts.appDir);
  const hostJson = readHostJson(opts.appDir);
  let storage: TableStorage | undefined;
  if (isDevelopmentStorage(process.env.AzureWebJobsStorage)) {
    storage = await startAzurite({ dataDir: opts.dataDir ?? undefined });
    process.env.AzureWebJobsStorage = storage.connectionString;
  }
  const connectionString = process.env.AzureWebJobsStorage as string;
  const store = new DurableStore(connectionString, hostJson.hubName);
  await store.init();
  const clock = new VirtualClock(Number((await store.getMeta(CLOCK_KEY)) ?? 0));
  exposeClock(clock);

  let handler: (req: IncomingMessage, res: ServerResponse) => Promise<void> = async (_req, res) => sendJson(res, 503, { message: 'Starting…' });
  const server = http.createServer((req, res) => {
    handler(req, res).catch((err: unknown) => {
      // Deep-link URLs carry a token: log the path with it masked.
      log.error(`request ${req.method} ${(req.url ?? '').replace(/\/links\/[^/?]+/, '/links/…')}: ${toError(err).stack}`);
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
  // Before the app reads its config: JWT_ISSUER / JWT_JWKS_URI = "devhost" become the local issuer's URLs.
  const devIssuer = await createDevIssuer(url, clock);
  useDevIssuer(devIssuer, process.env);
  // Links in messages point at this devhost, whatever port it got.
  if (process.env.PUBLIC_BASE_URL === DEVHOST_LITERAL) process.env.PUBLIC_BASE_URL = url;

  const core = new FunctionsCore();
  installFunctionsCore(core);
  loadApp(opts.appDir);
  if (!core.programmingModel) throw new Error('The app registered no programming model: do its entry files import @azure/functions?');
  await core.runHooks('appStart', { hookData: {}, appHookData: core.appHookData, functionAppDirectory: opts.appDir });

  const clientData = durableClientData(url, hostJson.hubName);
  const clientInput = (): RpcTypedData => ({ string: JSON.stringify(clientData) });
  const engine = new Engine({ store, core, clock, log, maxConcurrentActivities: hostJson.maxConcurrentActivities, maxConcurrentOrchestrations: hostJson.maxConcurrentOrchestrations, timers: { maximumShortTimerMs: 6 * 86_400_000, longRunningTimerIntervalMs: 3 * 86_400_000 }, clientInput });
  const resumed = await engine.start();
  if (resumed.messages + resumed.activities > 0) log.info(`Resumed ${resumed.messages} pending message(s) and ${resumed.activities} activit(ies) from storage.`);
  const triggers = new TimerTriggers(core, clock, log);
  await triggers.start();
  const controller = new ClockController(clock, engine, triggers, (offset) => store.setMeta(CLOCK_KEY, String(offset)));

  const httpRoutes: HttpRoute[] = [...core.registrations.values()]
    .filter((r) => r.trigger.type === 'httpTrigger')
    .filter((r) => {
      // Like the Functions host: routes under its built-in ones are refused, whatever the prefix.
      const reserved = /^(admin|runtime)(\/|$)/i.test(String(r.trigger.route ?? r.metadata.name));
      if (reserved) log.error(`function ${r.metadata.name}: the route '${String(r.trigger.route ?? r.metadata.name)}' conflicts with the host's built-in routes (admin*, runtime*); Azure drops this function, so the devhost does too.`);
      return !reserved;
    })
    .map((reg) => ({ reg, route: parseRoute(String(reg.trigger.route ?? reg.metadata.name)), methods: ((reg.trigger.methods as string[] | undefined) ?? ['GET', 'POST']).map((m) => m.toUpperCase()) }))
    .sort((a, b) => compareRoutes(a.route, b.route));
  const prefix = hostJson.routePrefix ? `/${hostJson.routePrefix}` : '';

  handler = async (req, res) => {
    const reqUrl = new URL(req.url ?? '/', url);
    const body = await readBody(req, MAX_BODY);
    if (!body) return sendJson(res, 413, { message: 'Request body too large.' });
    if (await handleDurableApi(engine, req, res, reqUrl, body.toString('utf8'))) return;
    if (reqUrl.pathname.toLowerCase() === '/runtime/webhooks/eventgrid') return handleEventGrid(core, log, req, res, reqUrl, body);
    if (reqUrl.pathname === '/dev/clock') return clockRoute(controller, clock, req, res, body);
    if (reqUrl.pathname === '/dev/token' || reqUrl.pathname === '/dev/jwks') return devIssuer.route(req, res, reqUrl.pathname, body);
    if (reqUrl.pathname === '/dev/outbox') return outboxRoute(req, res);
    if (reqUrl.pathname === '/' || reqUrl.pathname === '/dev') return sendJson(res, 200, { api: `${url}${prefix}`, functions: describe(core), dev: devPages(url) });
    const path = prefix ? (reqUrl.pathname === prefix || reqUrl.pathname.startsWith(`${prefix}/`) ? reqUrl.pathname.slice(prefix.length) : undefined) : reqUrl.pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    const hit = path === undefined ? undefined : httpRoutes.map((r) => ({ r, params: r.methods.includes(method) ? matchRoute(r.route, path) : undefined })).find((x) => x.params);
    if (!hit || !hit.params) return sendJson(res, 404, { message: `No function serves ${method} ${reqUrl.pathname}.` });
    try {
      const outcome = await invokeFunction(core, hit.r.reg, { triggerData: { http: toRpcHttp(req, reqUrl, body, hit.params) }, extraInputs: ({ type }) => (isClient(type) ? clientInput() : undefined) }, log);
      writeRpcHttp(res, httpOutput(outcome.response), method === 'HEAD');
    } catch (err) {
      const id = Math.random().toString(16).slice(2, 10);
      log.error(`error ${id} in ${hit.r.reg.metadata.name}: ${toError(err).stack ?? String(err)}`);
      if (!res.headersSent) sendJson(res, 500, { message: 'An error occurred while processing the request.', errorId: id });
    }
  };

  const stop = async (): Promise<void> => {
    engine.stop();
    triggers.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await core.runHooks('appTerminate', { hookData: {}, appHookData: core.appHookData });
    await store.setMeta(CLOCK_KEY, String(clock.offset));
    if (storage) await storage.close();
  };
  return { url, core, engine, clock, routePrefix: prefix, httpRoutes, settingsFile: settings.file, storage: storage ? (opts.dataDir ? `Azurite (in-process), data in ${opts.dataDir}` : 'Azurite (in-process), in memory') : 'AzureWebJobsStorage', stop };
}

async function clockRoute(controller: ClockController, clock: VirtualClock, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
  if (req.method === 'GET') return sendJson(res, 200, { now: clock.now().toISOString(), offsetMs: clock.offset });
  if (req.method !== 'POST') return sendJson(res, 405, { message: 'Use GET or POST.' }, { allow: 'GET, POST' });
  const problem = (detail: string): void => sendJson(res, 400, { type: 'about:blank', title: 'Invalid clock request', status: 400, detail, errors: [{ path: 'advance', message: detail }] }, { 'content-type': 'application/problem+json' });
  let parsed: { advance?: unknown };
  try {
    parsed = JSON.parse(body.toString('utf8') || '{}') as { advance?: unknown };
  } catch {
    return problem('The body is not valid JSON.');
  }
  if (typeof parsed.advance !== 'string') return problem('"advance" must be an ISO 8601 duration such as "P2DT3H".');
  const duration = Duration.fromISO(parsed.advance);
  if (!duration.isValid || duration.toMillis() < 0) return problem(`"${parsed.advance}" is not a positive ISO 8601 duration such as "P2DT3H".`);
  sendJson(res, 200, await controller.advance(duration.toMillis()));
}

function describe(core: FunctionsCore): Array<{ name: string; trigger: string; route?: string; methods?: string[] }> {
  return [...core.registrations.values()].map((r) => ({ name: r.metadata.name, trigger: r.trigger.type, ...(r.trigger.type === 'httpTrigger' ? { route: String(r.trigger.route ?? r.metadata.name), methods: (r.trigger.methods as string[] | undefined) ?? ['GET', 'POST'] } : {}) }));
}

export function devPages(url: string): Record<string, string> {
  return { outbox: `${url}/dev/outbox`, clock: `${url}/dev/clock`, token: `${url}/dev/token`, durable: `${url}${DURABLE_PREFIX}/instances` };
}
