import type { Engine } from './engine';
import { historyEvents } from './history-view';
import type { InstanceState } from './store';

/** The path the Durable extension serves its HTTP API under, in the devhost as on Azure. */
export const DURABLE_PREFIX = '/runtime/webhooks/durabletask';

/** What the extension's HTTP API needs: the engine and the task hub its URLs name. */
export interface DurableApi { engine: Engine; hub: string }

/** Seconds a poller is told to wait (`Retry-After`), as the extension answers. */
export const RETRY_AFTER_SECONDS = '10';

const requiredQuery = (hub: string): string => `taskHub=${hub}&connection=Storage&code=devhost`;

/** The durableClient binding data the extension hands the SDK (so DurableClient works unchanged). */
export function durableClientData(baseUrl: string, hub: string): Record<string, unknown> {
  const wh = `${baseUrl}${DURABLE_PREFIX}`;
  const q = requiredQuery(hub);
  return {
    taskHubName: hub,
    creationUrls: {
      createNewInstancePostUri: `${wh}/orchestrators/{functionName}[/{instanceId}]?${q}`,
      createAndWaitOnNewInstancePostUri: `${wh}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${q}`,
    },
    managementUrls: managementPayload(baseUrl, hub, 'INSTANCEID', false),
    baseUrl: wh,
    requiredQueryStringParameters: q,
    rpcBaseUrl: `${wh}/`,
    httpBaseUrl: wh,
  };
}

/**
 * The management payload the extension returns when an instance starts (and createCheckStatusResponse
 * builds): one URL per operation, with `{eventName}` / `{text}` left for the caller to fill in.
 */
export function managementPayload(origin: string, hub: string, instanceId: string, encode = true): Record<string, string> {
  const q = requiredQuery(hub);
  const i = `${origin}${DURABLE_PREFIX}/instances/${encode ? encodeURIComponent(instanceId) : instanceId}`;
  return {
    id: instanceId,
    purgeHistoryDeleteUri: `${i}?${q}`,
    sendEventPostUri: `${i}/raiseEvent/{eventName}?${q}`,
    statusQueryGetUri: `${i}?${q}`,
    terminatePostUri: `${i}/terminate?reason={text}&${q}`,
    suspendPostUri: `${i}/suspend?reason={text}&${q}`,
    resumePostUri: `${i}/resume?reason={text}&${q}`,
    restartPostUri: `${i}/restart?${q}`,
    rewindPostUri: `${i}/rewind?reason={text}&${q}`,
  };
}

/**
 * A stored JSON value for a status body. A value that is not JSON (written by an older devhost, or
 * by hand) is shown as the raw string: one bad instance must not fail a listing for everyone.
 */
export function parseStored(s: string | undefined): unknown {
  if (s === undefined || s === '') return null;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

/** An instance's status in the extension's JSON shape. */
export async function statusBody(engine: Engine, s: InstanceState, opts: { showHistory?: boolean; showHistoryOutput?: boolean; showInput?: boolean } = {}): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = {
    name: s.name, instanceId: s.instanceId, createdTime: s.createdTime, lastUpdatedTime: s.lastUpdatedTime,
    input: opts.showInput === false ? null : parseStored(s.input), output: parseStored(s.output), runtimeStatus: s.status, customStatus: parseStored(s.customStatus),
  };
  if (opts.showHistory) body.historyEvents = historyEvents(await engine.opts.store.loadHistory(s.instanceId, s.executionId), opts.showHistoryOutput === true);
  return body;
}
