import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../functions-host/http-bridge';
import { CONTINUATION_HEADER, handleEntityApi } from './entity-api';
import { lifecycle, listInstances, purgeByFilter } from './management-api';
import { isJsonBody, isJsonOrEmpty } from './json-body';
import { DURABLE_PREFIX, RETRY_AFTER_SECONDS, managementPayload, parseStored, statusBody, type DurableApi } from './management-payload';
import { isActive } from './protocol';
import type { InstanceState } from './store';

export { DURABLE_PREFIX, durableClientData, statusBody, type DurableApi } from './management-payload';


const notFound = (id: string): { message: string } => ({ message: `No instance with ID '${id}' found.` });
const flag = (url: URL, name: string): boolean => url.searchParams.get(name)?.toLowerCase() === 'true';

/**
 * An instance's status as the extension answers a poller: 200 once it has finished (500 for Failed
 * with returnInternalServerErrorOnFailure=true), 202 with Location and Retry-After while it runs.
 */
export async function sendStatus(api: DurableApi, res: ServerResponse, url: URL, state: InstanceState): Promise<void> {
  const body = await statusBody(api.engine, state, { showHistory: flag(url, 'showHistory'), showHistoryOutput: flag(url, 'showHistoryOutput'), showInput: url.searchParams.get('showInput')?.toLowerCase() !== 'false' });
  if (isActive(state.status)) return sendJson(res, 202, body, { location: url.href, 'retry-after': RETRY_AFTER_SECONDS });
  const failed = state.status === 'Failed' && flag(url, 'returnInternalServerErrorOnFailure');
  sendJson(res, failed ? 500 : 200, body);
}

/** Serves the extension's HTTP API; returns false when the path is not one of its routes. */
export async function handleDurableApi(api: DurableApi, req: IncomingMessage, res: ServerResponse, url: URL, body: string): Promise<boolean> {
  if (!url.pathname.startsWith(`${DURABLE_PREFIX}/`)) return false;
  const parts = url.pathname.slice(DURABLE_PREFIX.length + 1).split('/').filter(Boolean).map(decodeURIComponent);
  const method = req.method ?? 'GET';
  const [kind, id, action, arg] = parts;
  const { engine } = api;
  if (kind === 'orchestrators' && method === 'POST' && id) {
    await startInstance(api, res, url, id, action, body);
    return true;
  }
  if (kind === 'entities') {
    await handleEntityApi(api, req, res, url, parts.slice(1), body);
    return true;
  }
  if (kind !== 'instances') {
    sendJson(res, 404, { message: 'Unknown Durable API route.' });
    return true;
  }
  if (!id && method === 'GET') {
    await listInstances(api, res, url, req.headers[CONTINUATION_HEADER]);
    return true;
  }
  if (!id && method === 'DELETE') {
    await purgeByFilter(api, res, url);
    return true;
  }
  if (!id) {
    sendJson(res, 405, { message: 'Method not allowed.' });
    return true;
  }
  if (!action && method === 'GET') {
    const state = await engine.opts.store.getState(id);
    if (!state) sendJson(res, 404, notFound(id));
    else await sendStatus(api, res, url, state);
    return true;
  }
  if (!action && method === 'DELETE') {
    const state = await engine.opts.store.getState(id);
    if (!state) sendJson(res, 404, notFound(id));
    else if (isActive(state.status)) sendJson(res, 412, { message: 'Only a finished instance can be purged.' });
    else sendJson(res, 200, { instancesDeleted: (await engine.opts.store.purge(id)) > 0 ? 1 : 0 });
    return true;
  }
  if (action === 'raiseEvent' && method === 'POST' && arg) {
    // As the extension: the event data must be JSON, sent as application/json; nothing is raised otherwise.
    if (!isJsonBody(req, body)) {
      sendJson(res, 400, { message: 'The event data must be JSON, sent with Content-Type: application/json.' });
      return true;
    }
    const code = await engine.raiseEvent(id, arg, body.trim() === '' ? undefined : body);
    sendJson(res, code, code === 202 ? undefined : code === 404 ? notFound(id) : { message: 'The instance is not running.' });
    return true;
  }
  if (action === 'terminate' && method === 'POST') {
    const code = await engine.terminate(id, url.searchParams.get('reason') ?? '');
    sendJson(res, code, code === 202 ? undefined : code === 404 ? notFound(id) : { message: 'The instance is not running.' });
    return true;
  }
  if (action && method === 'POST' && (await lifecycle(api, res, url, id, action))) return true;
  sendJson(res, 501, { message: `'${action ?? method}' is not implemented by the devhost (see README: what Azure has that the devhost lacks).` });
  return true;
}

/**
 * POST orchestrators/{name}[/{id}]: 400 for input that is not JSON (nothing is created), else 202
 * with Location and the management payload. With `timeout` (seconds) it waits, polling every
 * `pollingInterval` seconds, and answers as a status request once the instance has finished.
 */
async function startInstance(api: DurableApi, res: ServerResponse, url: URL, name: string, instanceId: string | undefined, body: string): Promise<void> {
  if (!isJsonOrEmpty(body)) return sendJson(res, 400, { message: 'The orchestration input must be valid JSON.' });
  const started = await api.engine.startNew(name, instanceId, body.trim() === '' ? undefined : body);
  if ('error' in started) return sendJson(res, started.error, { message: started.message });
  const payload = managementPayload(url.origin, api.hub, started.id);
  const timeoutS = Number(url.searchParams.get('timeout') ?? 0);
  if (timeoutS > 0) {
    const intervalMs = Math.max(0.05, Number(url.searchParams.get('pollingInterval') ?? 1) || 1) * 1000;
    const end = Date.now() + timeoutS * 1000;
    for (;;) {
      const state = await api.engine.opts.store.getState(started.id);
      if (state && state.status === 'Completed') return sendJson(res, 200, parseStored(state.output));
      if (state && !isActive(state.status)) return sendStatus(api, res, new URL(payload.statusQueryGetUri as string), state);
      if (Date.now() >= end) break;
      await new Promise((r) => setTimeout(r, Math.min(intervalMs, Math.max(0, end - Date.now()))));
    }
  }
  sendJson(res, 202, payload, { location: payload.statusQueryGetUri as string, 'retry-after': RETRY_AFTER_SECONDS });
}
