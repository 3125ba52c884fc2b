import { TableClient, type TableEntityResult, type TransactionAction } from '@azure/data-tables';
import type { HistoryEvent } from './history';
import { getLarge, setLarge } from './large-values';
import { newShimState, type ShimState } from './shim';

export type RuntimeStatus = 'Pending' | 'Running' | 'Suspended' | 'Completed' | 'ContinuedAsNew' | 'Failed' | 'Terminated';

export interface InstanceState {
  instanceId: string;
  name: string;
  status: RuntimeStatus;
  executionId: string;
  input?: string;
  output?: string;
  customStatus?: string;
  createdTime: string;
  lastUpdatedTime: string;
  episode: number;
  shim: ShimState;
  parent?: { instanceId: string; executionId: string; taskId: number };
}

/** A message persisted in the instance's partition until an episode consumes it. */
export interface StoredMessage { instanceId: string; rowKey: string; executionId?: string; event: HistoryEvent; enq: number }
export interface StoredActivity { instanceId: string; executionId: string; taskId: number; name: string; input?: string }
export interface StoredTimer { at: number; instanceId: string; executionId: string; taskId: number }

type Entity = Record<string, unknown> & { partitionKey: string; rowKey: string };
export type Op = { upsert: Entity } | { delete: { partitionKey: string; rowKey: string } };

const STATE = 'state';
/** Table storage's limit on operations in one entity-group transaction. */
const MAX_TRANSACTION_OPS = 100;
const DEFAULT_CACHE_SIZE = 2000;
/** Zero-padded numbers in row keys, so they sort numerically (6 digits: a million episodes or tasks). */
const pad = (n: number, width = 6): string => String(n).padStart(width, '0');
/** History rows: one per episode, `h|<executionId>|<episode>`, in the instance's partition. */
export const HISTORY_ROW_PREFIX = 'h|';
export const msgKey = (key: string): string => `m|${key}`;
export const activityKey = (executionId: string, taskId: number): string => `a|${executionId}|${pad(taskId)}`;
const historyKey = (executionId: string, episode: number): string => `${HISTORY_ROW_PREFIX}${executionId}|${pad(episode)}`;
export const timerBucket = (at: number): string => new Date(at).toISOString().slice(0, 10).replace(/-/g, '');
const timerRow = (t: StoredTimer): string => `${pad(t.at, 15)}|${t.instanceId}|${t.executionId}|${t.taskId}`;

const clientOptions = (cs: string): { allowInsecureConnection: boolean } => ({ allowInsecureConnection: /TableEndpoint=http:|UseDevelopmentStorage/i.test(cs) });

interface Cached { state: InstanceState; executionId: string; history: HistoryEvent[] | undefined }

/**
 * The durable backend's persistence: instance state, history, inbox and work items in Table storage.
 * The devhost is the only writer of its task hub, so recently used instances are cached (bounded,
 * least recently used first out) and an episode usually needs no read.
 */
export class DurableStore {
  private readonly cache = new Map<string, Cached>();
  private readonly cacheSize: number;
  private readonly instances: TableClient;
  private readonly timers: TableClient;

  constructor(connectionString: string, hub: string, options: { cacheSize?: number } = {}) {
    this.cacheSize = options.cacheSize ?? DEFAULT_CACHE_SIZE;
    this.instances = TableClient.fromConnectionString(connectionString, `${hub}Instances`, clientOptions(connectionString));
    this.timers = TableClient.fromConnectionString(connectionString, `${hub}Timers`, clientOptions(connectionString));
  }

  async init(): Promise<void> {
    await Promise.all([this.instances.createTable(), this.timers.createTable()]);
  }

  async getState(instanceId: string): Promise<InstanceState | undefined> {
    const hit = this.cache.get(instanceId);
    if (hit) return structuredClone(hit.state);
    try {
      const state = fromStateEntity(await this.instances.getEntity(instanceId, STATE));
      this.remember(state, undefined);
      return state;
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }

  private remember(state: InstanceState, history: HistoryEvent[] | undefined): void {
    this.cache.delete(state.instanceId);
    this.cache.set(state.instanceId, { state: structuredClone(state), executionId: state.executionId, history });
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
  }

  async loadHistory(instanceId: string, executionId: string): Promise<HistoryEvent[]> {
    const hit = this.cache.get(instanceId);
    if (hit?.history && hit.executionId === executionId) return [...hit.history];
    const events = await this.readHistory(instanceId, executionId);
    if (hit && hit.executionId === executionId) hit.history = [...events];
    return events;
  }

  private async readHistory(instanceId: string, executionId: string): Promise<HistoryEvent[]> {
    const prefix = `${HISTORY_ROW_PREFIX}${executionId}|`;
    const rows = this.instances.listEntities({ queryOptions: { filter: `PartitionKey eq '${esc(instanceId)}' and RowKey ge '${esc(prefix)}' and RowKey lt '${esc(prefix)}~'` } });
    const events: HistoryEvent[] = [];
    for await (const row of rows) events.push(...(JSON.parse(getLarge(row, 'events') ?? '[]') as HistoryEvent[]));
    return events;
  }

  stateOp(s: InstanceState): Op {
    const e: Entity = { partitionKey: s.instanceId, rowKey: STATE, name: s.name, status: s.status, executionId: s.executionId, createdTime: s.createdTime, lastUpdatedTime: s.lastUpdatedTime, episode: s.episode };
    setLarge(e, 'input', s.input);
    setLarge(e, 'output', s.output);
    setLarge(e, 'customStatus', s.customStatus);
    setLarge(e, 'shim', JSON.stringify(s.shim));
    if (s.parent) e.parent = JSON.stringify(s.parent);
    return { upsert: e };
  }
  historyOp(instanceId: string, executionId: string, episode: number, events: HistoryEvent[]): Op {
    this.pendingHistory.set(instanceId, events);
    const e: Entity = { partitionKey: instanceId, rowKey: historyKey(executionId, episode) };
    setLarge(e, 'events', JSON.stringify(events));
    return { upsert: e };
  }
  messageOp(m: StoredMessage): Op {
    const e: Entity = { partitionKey: m.instanceId, rowKey: m.rowKey, enq: m.enq, executionId: m.executionId ?? '' };
    setLarge(e, 'event', JSON.stringify(m.event));
    return { upsert: e };
  }
  activityOp(a: StoredActivity): Op {
    const e: Entity = { partitionKey: a.instanceId, rowKey: activityKey(a.executionId, a.taskId), executionId: a.executionId, taskId: a.taskId, name: a.name };
    setLarge(e, 'input', a.input);
    return { upsert: e };
  }
  deleteOp(instanceId: string, rowKey: string): Op {
    return { delete: { partitionKey: instanceId, rowKey } };
  }

  /**
   * Applies operations on one instance's partition atomically. Callers put the state row last: past
   * 100 operations the earlier chunks go first and the chunk holding the state commits the episode.
   */
  async commit(ops: Op[]): Promise<void> {
    try {
      for (let start = 0; start < ops.length; start += MAX_TRANSACTION_OPS) await this.transact(ops.slice(start, start + MAX_TRANSACTION_OPS));
    } catch (err) {
      for (const op of ops) if ('upsert' in op) this.cache.delete(op.upsert.partitionKey);
      throw err;
    }
    for (const op of ops) if ('upsert' in op && op.upsert.rowKey === STATE) this.afterStateWrite(op);
  }

  /** Keeps the cache equal to what was just written: the new state, and its history extended. */
  private afterStateWrite(op: { upsert: Entity }): void {
    const state = fromStateEntity(op.upsert as TableEntityResult<Record<string, unknown>>);
    const prev = this.cache.get(state.instanceId);
    const appended = this.pendingHistory.get(state.instanceId);
    this.pendingHistory.delete(state.instanceId);
    let history: HistoryEvent[] | undefined;
    if (state.episode === 0) history = [];
    else if (prev?.history && prev.executionId === state.executionId && appended) history = [...prev.history, ...appended];
    this.remember(state, history);
  }
  private readonly pendingHistory = new Map<string, HistoryEvent[]>();

  private async transact(ops: Op[]): Promise<void> {
    const actions: TransactionAction[] = ops.map((op) => ('upsert' in op ? ['upsert', op.upsert, 'Replace'] : ['delete', op.delete]));
    try {
      await this.instances.submitTransaction(actions);
    } catch (err) {
      if (!isStatus(err, 404)) throw err;
      // A row to delete was already gone (consumed by an earlier, interrupted commit): apply one by one.
      for (const op of ops) {
        if ('upsert' in op) await this.instances.upsertEntity(op.upsert, 'Replace');
        else await this.instances.deleteEntity(op.delete.partitionKey, op.delete.rowKey).catch((e: unknown) => { if (!isStatus(e, 404)) throw e; });
      }
    }
  }

  /** Every message and activity still pending, to resume after a restart. */
  async scanPending(): Promise<{ messages: StoredMessage[]; activities: StoredActivity[] }> {
    const messages: StoredMessage[] = [];
    const activities: StoredActivity[] = [];
    for await (const row of this.instances.listEntities({ queryOptions: { filter: `RowKey ge 'a|' and RowKey lt 'a}'` } })) {
      activities.push({ instanceId: String(row.partitionKey), executionId: String(row.executionId), taskId: Number(row.taskId), name: String(row.name), input: getLarge(row, 'input') });
    }
    for await (const row of this.instances.listEntities({ queryOptions: { filter: `RowKey ge 'm|' and RowKey lt 'm}'` } })) {
      messages.push({ instanceId: String(row.partitionKey), rowKey: String(row.rowKey), executionId: String(row.executionId ?? '') || undefined, enq: Number(row.enq), event: JSON.parse(getLarge(row, 'event') ?? '{}') as HistoryEvent });
    }
    messages.sort((a, b) => a.enq - b.enq || a.rowKey.localeCompare(b.rowKey));
    return { messages, activities };
  }

  async listStates(): Promise<InstanceState[]> {
    const out: InstanceState[] = [];
    for await (const row of this.instances.listEntities({ queryOptions: { filter: `RowKey eq '${STATE}'` } })) out.push(fromStateEntity(row));
    return out;
  }

  async purge(instanceId: string): Promise<number> {
    this.cache.delete(instanceId);
    let count = 0;
    for await (const row of this.instances.listEntities({ queryOptions: { filter: `PartitionKey eq '${esc(instanceId)}'` } })) {
      await this.instances.deleteEntity(String(row.partitionKey), String(row.rowKey));
      count++;
    }
    return count;
  }

  async putTimer(t: StoredTimer): Promise<void> {
    await this.timers.upsertEntity({ partitionKey: timerBucket(t.at), rowKey: timerRow(t), at: t.at, instanceId: t.instanceId, executionId: t.executionId, taskId: t.taskId }, 'Replace');
  }
  async deleteTimer(t: StoredTimer): Promise<void> {
    await this.timers.deleteEntity(timerBucket(t.at), timerRow(t)).catch((e: unknown) => { if (!isStatus(e, 404)) throw e; });
  }
  /** The first day bucket at or after `bucket` that holds a timer. */
  async firstTimerBucketFrom(bucket: string): Promise<string | undefined> {
    const page = this.timers.listEntities({ queryOptions: { filter: `PartitionKey ge '${bucket}'`, select: ['PartitionKey'] } }).byPage({ maxPageSize: 1 });
    for await (const rows of page) return rows[0]?.partitionKey;
    return undefined;
  }
  async loadTimerBucket(bucket: string): Promise<StoredTimer[]> {
    const out: StoredTimer[] = [];
    for await (const r of this.timers.listEntities({ queryOptions: { filter: `PartitionKey eq '${bucket}'` } })) out.push({ at: Number(r.at), instanceId: String(r.instanceId), executionId: String(r.executionId), taskId: Number(r.taskId) });
    return out;
  }
}

function fromStateEntity(e: TableEntityResult<Record<string, unknown>>): InstanceState {
  return {
    instanceId: String(e.partitionKey), name: String(e.name), status: e.status as RuntimeStatus, executionId: String(e.executionId),
    input: getLarge(e, 'input'), output: getLarge(e, 'output'), customStatus: getLarge(e, 'customStatus'),
    createdTime: String(e.createdTime), lastUpdatedTime: String(e.lastUpdatedTime), episode: Number(e.episode ?? 0),
    shim: parseOr(getLarge(e, 'shim'), newShimState()),
    parent: typeof e.parent === 'string' && e.parent ? parseOr<InstanceState['parent']>(e.parent, undefined) : undefined,
  };
}

/** A stored JSON field, or `fallback` when it is missing or unreadable (one bad row must not break listings). */
function parseOr<T>(text: string | undefined, fallback: T): T {
  if (text === undefined) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

const esc = (s: string): string => s.replace(/'/g, "''");

export function isStatus(err: unknown, status: number): boolean {
  return typeof err === 'object' && err !== null && (err as { statusCode?: number }).statusCode === status;
}
