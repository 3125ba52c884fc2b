import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registration, RpcTypedData } from './core-types';
import type { FunctionsCore } from './functions-core';
import { httpOutput, sendJson, toRpcHttp, writeRpcHttp } from './http-bridge';
import { invokeFunction, toError } from './invoke';
import type { Logger } from './logger';
import { compareRoutes, matchRoute, parseRoute, type RouteTemplate } from './routes';

export interface HttpRoute { reg: Registration; route: RouteTemplate; methods: string[] }

const declaredRoute = (r: Registration): string => String(r.trigger.route ?? r.metadata.name);
const declaredMethods = (r: Registration): string[] => (r.trigger.methods as string[] | undefined) ?? ['GET', 'POST'];

/** The app's HTTP functions, most specific route first, without those the Functions host refuses. */
export function buildHttpRoutes(core: FunctionsCore, log: Logger): HttpRoute[] {
  return [...core.registrations.values()]
    .filter((r) => r.trigger.type === 'httpTrigger')
    .filter((r) => {
      // Like the Functions host: routes under its built-in ones are refused, whatever the prefix.
      const reserved = /^(admin|runtime)(\/|$)/i.test(declaredRoute(r));
      if (reserved) log.error(`function ${r.metadata.name}: the route '${declaredRoute(r)}' conflicts with the host's built-in routes (admin*, runtime*); Azure drops this function, so the devhost does too.`);
      return !reserved;
    })
    .map((reg) => ({ reg, route: parseRoute(declaredRoute(reg)), methods: declaredMethods(reg).map((m) => m.toUpperCase()) }))
    .sort((a, b) => compareRoutes(a.route, b.route));
}

/** Every registered function, as `GET /` lists them. */
export function describeFunctions(core: FunctionsCore): Array<{ name: string; trigger: string; route?: string; methods?: string[] }> {
  return [...core.registrations.values()].map((r) => ({ name: r.metadata.name, trigger: r.trigger.type, ...(r.trigger.type === 'httpTrigger' ? { route: declaredRoute(r), methods: declaredMethods(r) } : {}) }));
}

export interface HttpFunctionRequest {
  core: FunctionsCore;
  log: Logger;
  routes: HttpRoute[];
  /** `/api`, or '' without a route prefix. */
  prefix: string;
  inputs: (binding: { type: string }) => RpcTypedData | undefined;
}

/** Runs the HTTP function whose route and method match, or answers 404; a thrown error is a 500 with an id the log carries. */
export async function serveHttpFunction(h: HttpFunctionRequest, req: IncomingMessage, res: ServerResponse, reqUrl: URL, body: Buffer): Promise<void> {
  const { prefix } = h;
  const path = prefix ? (reqUrl.pathname === prefix || reqUrl.pathname.startsWith(`${prefix}/`) ? reqUrl.pathname.slice(prefix.length) : undefined) : reqUrl.pathname;
  const method = (req.method ?? 'GET').toUpperCase();
  const hit = path === undefined ? undefined : h.routes.map((r) => ({ r, params: r.methods.includes(method) ? matchRoute(r.route, path) : undefined })).find((x) => x.params);
  if (!hit || !hit.params) return sendJson(res, 404, { message: `No function serves ${method} ${reqUrl.pathname}.` });
  try {
    const outcome = await invokeFunction(h.core, hit.r.reg, { triggerData: { http: toRpcHttp(req, reqUrl, body, hit.params) }, extraInputs: h.inputs }, h.log);
    writeRpcHttp(res, httpOutput(outcome.response), method === 'HEAD');
  } catch (err) {
    const id = Math.random().toString(16).slice(2, 10);
    h.log.error(`error ${id} in ${hit.r.reg.metadata.name}: ${toError(err).stack ?? String(err)}`);
    if (!res.headersSent) sendJson(res, 500, { message: 'An error occurred while processing the request.', errorId: id });
  }
}
