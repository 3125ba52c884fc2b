import type { ServerResponse } from 'node:http';
import { sendJson } from '../functions-host/http-bridge';
import { CONTINUATION_HEADER, decodeToken } from './entity-api';
import { RETRY_AFTER_SECONDS, managementPayload, statusBody, type DurableApi } from './management-payload';
import { isActive } from './protocol';
import type { InstanceState } from './store';

/** The instance filters of `GET instances` and `DELETE instances`, as the extension reads them. */
function matches(url: URL): (s: InstanceState) => boolean {
  const wanted = url.searchParams.get('runtimeStatus')?.split(',').filter(Boolean);
  const from = url.searchParams.get('createdTimeFrom');
  const to = url.searchParams.get('createdTimeTo');
  const prefix = url.searchParams.get('instanceIdPrefix');
  return (s) => (!wanted || wanted.includes(s.status)) && (!from || s.createdTime >= from) && (!to || s.createdTime <= to) && (!prefix || s.instanceId.startsWith(prefix));
}

/** GET instances: filtered, ordered by instance ID, `top` per page with the continuation header. */
export async function listInstances(api: DurableApi, res: ServerResponse, url: URL, continuation: string | string[] | undefined): Promise<void> {
  const after = decodeToken(continuation);
  const all = (await api.engine.opts.store.listStates()).filter(matches(url)).filter((s) => !after || s.instanceId > after).sort((a, b) => (a.instanceId < b.instanceId ? -1 : 1));
  const top = Number(url.searchParams.get('top') ?? 0);
  const page = top > 0 ? all.slice(0, top) : all;
  const last = page[page.length - 1];
  const headers: Record<string, string> = top > 0 && all.length > top && last ? { [CONTINUATION_HEADER]: Buffer.from(last.instanceId).toString('base64') } : {};
  const showInput = url.searchParams.get('showInput')?.toLowerCase() !== 'false';
  sendJson(res, 200, await Promise.all(page.map((s) => statusBody(api.engine, s, { showInput }))), headers);
}

/** DELETE instances?createdTimeFrom=…: purges the finished instances that match; 404 when none did. */
export async function purgeByFilter(api: DurableApi, res: ServerResponse, url: URL): Promise<void> {
  if (!url.searchParams.get('createdTimeFrom')) return sendJson(res, 400, { message: 'createdTimeFrom is required to purge by filter.' });
  const victims = (await api.engine.opts.store.listStates()).filter(matches(url)).filter((s) => !isActive(s.status));
  for (const s of victims) await api.engine.opts.store.purge(s.instanceId);
  sendJson(res, victims.length > 0 ? 200 : 404, { instancesDeleted: victims.length });
}

/** POST instances/{id}/suspend|resume|restart|rewind. */
export async function lifecycle(api: DurableApi, res: ServerResponse, url: URL, id: string, action: string): Promise<boolean> {
  const reason = url.searchParams.get('reason') ?? '';
  if (action === 'suspend' || action === 'resume') {
    const code = await (action === 'suspend' ? api.engine.suspend(id, reason) : api.engine.resume(id, reason));
    sendJson(res, code, code === 202 ? undefined : { message: code === 404 ? `No instance with ID '${id}' found.` : 'The instance is not running.' });
    return true;
  }
  if (action === 'restart') {
    const s = await api.engine.opts.store.getState(id);
    if (!s) {
      sendJson(res, 404, { message: `No instance with ID '${id}' found.` });
      return true;
    }
    const newId = url.searchParams.get('restartWithNewInstanceId')?.toLowerCase() === 'false' ? id : undefined;
    const started = await api.engine.startNew(s.name, newId, s.input);
    if ('error' in started) sendJson(res, started.error, { message: started.message });
    else {
      const payload = managementPayload(url.origin, api.hub, started.id);
      sendJson(res, 202, payload, { location: payload.statusQueryGetUri as string, 'retry-after': RETRY_AFTER_SECONDS });
    }
    return true;
  }
  if (action === 'rewind') {
    // A string body: the SDK puts it in the error it throws.
    sendJson(res, 501, 'Rewind is not supported by the devhost (see README: what Azure has that the devhost lacks).');
    return true;
  }
  return false;
}
