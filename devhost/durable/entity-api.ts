import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../functions-host/http-bridge';
import type { EntityRecord } from './entity-store';
import { isJsonBody } from './json-body';
import { parseStored, type DurableApi } from './management-payload';
import { entityInstanceId } from './protocol';

/** The header the extension pages listings with. */
export const CONTINUATION_HEADER = 'x-ms-continuation-token';

/**
 * The extension's entity routes: `GET entities/{name}/{key}` (the state, or 404), `POST
 * entities/{name}/{key}?op=` (a signal: 202, 404 without such an entity function, 400 for a body
 * that is not JSON), `GET entities[/{name}]` (a listing, paged with `top` and the continuation header).
 */
export async function handleEntityApi(api: DurableApi, req: IncomingMessage, res: ServerResponse, url: URL, parts: string[], body: string): Promise<void> {
  const [name, key] = parts;
  const method = req.method ?? 'GET';
  if (name && key !== undefined && method === 'GET') {
    const record = await api.engine.opts.entities.get(entityInstanceId(name, key));
    if (!record || record.state === undefined) return sendJson(res, 404, { message: `No entity with ID '@${name.toLowerCase()}@${key}' found.` });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(record.state);
    return;
  }
  if (name && key !== undefined && method === 'POST') {
    if (!isJsonBody(req, body)) return sendJson(res, 400, { message: 'The operation input must be JSON, sent with Content-Type: application/json.' });
    const code = await api.engine.signalEntity(name, key, url.searchParams.get('op') ?? '', body.trim() === '' ? undefined : body);
    return sendJson(res, code, code === 202 ? undefined : { message: `No entity function named '${name}' was found.` });
  }
  if (key === undefined && method === 'GET') return listEntities(api, res, url, name);
  sendJson(res, 405, { message: 'Method not allowed.' });
}

async function listEntities(api: DurableApi, res: ServerResponse, url: URL, name: string | undefined): Promise<void> {
  const from = url.searchParams.get('lastOperationTimeFrom');
  const to = url.searchParams.get('lastOperationTimeTo');
  const fetchState = url.searchParams.get('fetchState')?.toLowerCase() === 'true';
  const top = Number(url.searchParams.get('top') ?? 0);
  const after = decodeToken(res.req.headers[CONTINUATION_HEADER]);
  const all = (await api.engine.opts.entities.list(name)).filter((e) => e.state !== undefined && (!from || e.lastOperationTime >= from) && (!to || e.lastOperationTime <= to) && (!after || e.instanceId > after));
  const page = top > 0 ? all.slice(0, top) : all;
  const headers: Record<string, string> = {};
  const last = page[page.length - 1];
  if (top > 0 && all.length > top && last) headers[CONTINUATION_HEADER] = Buffer.from(last.instanceId).toString('base64');
  sendJson(res, 200, page.map((e) => entityStatus(e, fetchState)), headers);
}

function entityStatus(e: EntityRecord, fetchState: boolean): Record<string, unknown> {
  return { entityId: { key: e.key, name: e.name }, lastOperationTime: e.lastOperationTime, ...(fetchState ? { state: parseStored(e.state) } : {}) };
}

export function decodeToken(header: string | string[] | undefined): string | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  return v ? Buffer.from(v, 'base64').toString('utf8') : undefined;
}
