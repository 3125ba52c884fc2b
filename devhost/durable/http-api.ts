import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../functions-host/http-bridge';
import type { Engine } from './engine';
import type { InstanceState } from './store';

/** The path the Durable extension serves its HTTP API under, in the devhost as on Azure. */
export const DURABLE_PREFIX = '/runtime/webhooks/durabletask';

/** The durableClient binding data the extension hands the SDK (so DurableClient works unchanged). */
export function durableClientData(baseUrl: string, hub: string): Record<string, unknown> {
  const wh = `${baseUrl}${DURABLE_PREFIX}`;
  const q = `taskHub=${hub}&connection=Storage&code=devhost`;
  return {
    taskHubName: hub,
    creationUrls: {
      createNewInstancePostUri: `${wh}/orchestrators/{functionName}[/{instanceId}]?${q}`,
      createAndWaitOnNewInstancePostUri: `${wh}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${q}`,
    },
    managementUrls: {
      id: 'INSTANCEID',
      statusQueryGetUri: `${wh}/instances/INSTANCEID?${q}`,
      sendEventPostUri: `${wh}/instances/INSTANCEID/raiseEvent/{eventName}?${q}`,
      terminatePostUri: `${wh}/instances/INSTANCEID/terminate?reason={text}&${q}`,
      rewindPostUri: `${wh}/instances/INSTANCEID/rewind?reason={text}&${q}`,
      purgeHistoryDeleteUri: `${wh}/instances/INSTANCEID?${q}`,
      restartPostUri: `${wh}/instances/INSTANCEID/restart?${q}`,
      suspendPostUri: `${wh}/instances/INSTANCEID/suspend?reason={text}&${q}`,
      resumePostUri: `${wh}/instances/INSTANCEID/resume?reason={text}&${q}`,
    },
    baseUrl: wh,
    requiredQueryStringParameters: q,
    rpcBaseUrl: `${wh}/`,
    httpBaseUrl: wh,
  };
}

const parse = (s: string | undefined): unknown => (s === undefined || s === '' ? null : JSON.parse(s));

/** An instance's status in the extension's JSON shape. */
export async function statusBody(engine: Engine, s: InstanceState, showHistory: boolean, showInput = true): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = {
    name: s.name, instanceId: s.instanceId, createdTime: s.createdTime, lastUpdatedTime: s.lastUpdatedTime,
    input: showInput ? parse(s.input) : null, output: parse(s.output), runtimeStatus: s.status, customStatus: parse(s.customStatus),
  };
  if (showHistory) body.history = await engine.opts.store.loadHistory(s.instanceId, s.executionId);
  return body;
}

const STATUS_CODE: Record<string, number> = { Completed: 200, Failed: 400, Terminated: 400 };

/** Serves the extension's HTTP API; returns false when the path is not one of its routes. */
export async function handleDurableApi(engine: Engine, req: IncomingMessage, res: ServerResponse, url: URL, body: string): Promise<boolean> {
  if (!url.pathname.startsWith(`${DURABLE_PREFIX}/`)) return false;
  const parts = url.pathname.slice(DURABLE_PREFIX.length + 1).split('/').filter(Boolean).map(decodeURIComponent);
  const method = req.method ?? 'GET';
  const [kind, id, action, arg] = parts;
  if (kind === 'orchestrators' && method === 'POST' && id) {
    const started = await engine.startNew(id, action, body === '' ? undefined : body);
    if ('error' in started) sendJson(res, started.error, { message: started.message });
    else sendJson(res, 202, { id: started.id }, { location: `${url.origin}${DURABLE_PREFIX}/instances/${encodeURIComponent(started.id)}` });
    return true;
  }
  if (kind !== 'instances') {
    sendJson(res, 404, { message: 'Unknown Durable API route.' });
    return true;
  }
  if (!id && method === 'GET') {
    const wanted = url.searchParams.get('runtimeStatus')?.split(',').filter(Boolean);
    const from = url.searchParams.get('createdTimeFrom');
    const to = url.searchParams.get('createdTimeTo');
    const all = (await engine.opts.store.listStates()).filter((s) => (!wanted || wanted.includes(s.status)) && (!from || s.createdTime >= from) && (!to || s.createdTime <= to));
    sendJson(res, 200, await Promise.all(all.map((s) => statusBody(engine, s, false, url.searchParams.get('showInput') !== 'false'))));
    return true;
  }
  if (!id) {
    sendJson(res, 405, { message: 'Method not allowed.' });
    return true;
  }
  if (!action && method === 'GET') {
    const state = await engine.opts.store.getState(id);
    if (!state) sendJson(res, 404, { message: `No instance with ID '${id}' found.` });
    else sendJson(res, STATUS_CODE[state.status] ?? 202, await statusBody(engine, state, url.searchParams.get('showHistory') === 'true', url.searchParams.get('showInput') !== 'false'));
    return true;
  }
  if (!action && method === 'DELETE') {
    const state = await engine.opts.store.getState(id);
    if (!state) sendJson(res, 404, { message: `No instance with ID '${id}' found.` });
    else if (['Pending', 'Running'].includes(state.status)) sendJson(res, 412, { message: 'Only a finished instance can be purged.' });
    else sendJson(res, 200, { instancesDeleted: (await engine.opts.store.purge(id)) > 0 ? 1 : 0 });
    return true;
  }
  if (action === 'raiseEvent' && method === 'POST' && arg) {
    const code = await engine.raiseEvent(id, arg, body);
    sendJson(res, code, code === 202 ? undefined : { message: code === 404 ? `No instance with ID '${id}' found.` : 'The instance is not running.' });
    return true;
  }
  if (action === 'terminate' && method === 'POST') {
    const code = await engine.terminate(id, url.searchParams.get('reason') ?? '');
    sendJson(res, code, code === 202 ? undefined : { message: code === 404 ? `No instance with ID '${id}' found.` : 'The instance is not running.' });
    return true;
  }
  sendJson(res, 501, { message: `'${action ?? method}' is not implemented by the devhost (see README: what Azure has that the devhost lacks).` });
  return true;
}
