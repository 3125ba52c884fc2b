import { toError, invokeFunction } from '../functions-host/invoke';
import type { Registration } from '../functions-host/core-types';
import type { FunctionsCore } from '../functions-host/functions-core';
import type { EpisodeHost, Pending } from './engine-types';
import { entityRequestId, parseRequest, type EntityRequest, type EntityResponse } from './entity-request';
import type { HistoryEvent } from './history';
import { ENTITY_OPERATION_EVENT, EventType, MAX_ENTITY_BATCH, TaskNumbering, entityInstanceId, isClient, parseEntityInstance } from './protocol';
import { msgKey, type Op, type StoredMessage } from './store';

/** What the SDK's entity shim returns for a batch (durable-functions' EntityState). */
interface EntityReply {
  entityExists: boolean;
  entityState?: string;
  results: Array<{ isError: boolean; result?: string } | undefined>;
  signals: Array<{ target: { name: string; key: string }; name: string; input?: string }>;
}

/** The registered entity function for a (lower-cased) entity name: names match case-insensitively. */
export function findEntityFunction(core: FunctionsCore, name: string): Registration | undefined {
  const wanted = name.toLowerCase();
  return [...core.registrations.values()].find((r) => r.trigger.type === 'entityTrigger' && r.metadata.name.toLowerCase() === wanted);
}

const requestEvent = (r: EntityRequest): HistoryEvent => ({ EventType: EventType.EventRaised, EventId: TaskNumbering.NO_EVENT_ID, Timestamp: r.timestamp, Name: ENTITY_OPERATION_EVENT, Input: JSON.stringify(r) });

/** Persists a request in the entity's inbox (keyed by request ID, so sending twice keeps one) and wakes it. */
export async function sendToEntity(host: EpisodeHost, target: string, r: EntityRequest): Promise<void> {
  const msg: StoredMessage = { instanceId: target, rowKey: msgKey(`op|${r.id}`), enq: Date.now(), event: requestEvent(r) };
  await host.opts.store.commit([host.opts.store.messageOp(msg)]);
  host.deliver(target, { event: msg.event, rowKey: msg.rowKey }, false);
}

/** Runs the next batch of an entity's operations, in arrival order; one batch at a time per entity. */
export async function runEntityBatch(host: EpisodeHost, instanceId: string): Promise<void> {
  const inbox = host.takePending(instanceId);
  if (inbox.length === 0) return;
  const batch = inbox.slice(0, MAX_ENTITY_BATCH);
  host.returnPending(instanceId, inbox.slice(MAX_ENTITY_BATCH));
  try {
    await entityBatch(host, instanceId, batch);
  } catch (err) {
    // Nothing was committed: the operations stay in the inbox and run again shortly.
    host.retryLater(instanceId, batch);
    throw err;
  }
}

async function entityBatch(host: EpisodeHost, instanceId: string, batch: Pending[]): Promise<void> {
  const { store, entities, log, clock } = host.opts;
  const { name, key } = parseEntityInstance(instanceId);
  const seen = new Set<string>();
  const requests: EntityRequest[] = [];
  for (const m of batch) {
    const r = m.event.Name === ENTITY_OPERATION_EVENT ? parseRequest(m.event.Input) : undefined;
    if (r && !seen.has(r.id)) requests.push(r);
    if (r) seen.add(r.id);
  }
  const record = await entities.get(instanceId);
  const reply = await invokeEntity(host, instanceId, record === undefined ? undefined : { state: record.state }, requests);
  const ts = clock.now().toISOString();
  // Effects on other partitions first, idempotently (request IDs are derived); this commit makes them count.
  for (const [i, r] of requests.entries()) {
    const res = reply.results[i];
    if (res?.isError) log.warn(`entity ${instanceId}: operation '${r.op}' failed: ${res.result ?? ''}`);
    if (r.signal || !r.parent) continue;
    const answer: EntityResponse = res?.isError ? { result: res.result ?? JSON.stringify('The operation failed.'), exceptionType: 'Error' } : { result: res?.result };
    const event: HistoryEvent = { EventType: EventType.EventRaised, EventId: TaskNumbering.NO_EVENT_ID, Timestamp: ts, Name: r.id, Input: JSON.stringify(answer) };
    const msg: StoredMessage = { instanceId: r.parent, rowKey: msgKey(`entity|${r.id}`), executionId: r.parentExecution, enq: Date.now(), event };
    await store.commit([store.messageOp(msg)]);
    host.deliver(r.parent, { event, executionId: r.parentExecution, rowKey: msg.rowKey }, false);
  }
  const first = requests[0]?.id ?? 'none';
  for (const [k, s] of reply.signals.entries()) {
    await sendToEntity(host, entityInstanceId(s.target.name, s.target.key), { id: entityRequestId(instanceId, first, k), op: s.name, signal: true, input: s.input || undefined, timestamp: ts });
  }
  const ops: Op[] = batch.flatMap((m) => (m.rowKey ? [store.deleteOp(instanceId, m.rowKey)] : []));
  if (reply.entityExists) ops.push(entities.putOp({ instanceId, name, key, state: reply.entityState, lastOperationTime: ts }));
  else if (record) ops.push(entities.deleteOp(instanceId));
  if (ops.length > 0) await store.commit(ops);
}

/** Calls the entity function through the SDK's shim; a missing function or a failed invocation fails every operation. */
async function invokeEntity(host: EpisodeHost, instanceId: string, current: { state?: string } | undefined, requests: EntityRequest[]): Promise<EntityReply> {
  const { core, log } = host.opts;
  const { name, key } = parseEntityInstance(instanceId);
  const unchanged = (message: string): EntityReply => ({ entityExists: current !== undefined, entityState: current?.state, results: requests.map(() => ({ isError: true, result: JSON.stringify(message) })), signals: [] });
  if (requests.length === 0) return { ...unchanged(''), results: [] };
  const reg = findEntityFunction(core, name);
  if (!reg) return unchanged(`The entity function '${name}' doesn't exist, is disabled, or is not an entity function.`);
  const trigger = { self: { name, key }, exists: current !== undefined, state: current?.state, batch: requests.map((r) => ({ id: r.id, name: r.op, signal: r.signal, input: r.input })) };
  try {
    const { result } = await invokeFunction(core, reg, { triggerData: { string: JSON.stringify(trigger) }, extraInputs: ({ type }) => (isClient(type) ? host.opts.clientInput() : undefined) }, log);
    const reply = result as EntityReply;
    return { ...reply, results: reply.results ?? [], signals: reply.signals ?? [] };
  } catch (err) {
    return unchanged(toError(err).message);
  }
}
