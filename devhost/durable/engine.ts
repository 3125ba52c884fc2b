import { randomUUID } from 'node:crypto';
import type { RpcTypedData } from '../functions-host/core-types';
import { invokeFunction, toError } from '../functions-host/invoke';
import type { EngineOptions, EpisodeHost, Pending } from './engine-types';
import { runEpisode } from './episode';
import { toResult, type HistoryEvent } from './history';
import { KeyedMutex } from './keyed-mutex';
import { findEntityFunction, runEntityBatch, sendToEntity } from './entities';
import { EventType, TaskNumbering, entityInstanceId, isActive, isClient, isEntityInstance } from './protocol';
import { msgKey, type InstanceState, type StoredActivity, type StoredMessage } from './store';
import { newShimState } from './shim';
import { TimerIndex } from './timer-index';

export type { EngineOptions, Pending } from './engine-types';

/** How long a failed episode's messages wait before the instance is tried again. */
const EPISODE_RETRY_MS = 1000;
/** Real-time wake-ups are capped, so a clock advanced meanwhile is noticed within this. */
const MAX_TIMER_WAIT_MS = 60_000;

/**
 * The durable backend of the devhost: runs orchestrations through durable-functions' own replay
 * engine, one episode at a time per instance, with history, inbox and work items in Table storage.
 */
export class Engine implements EpisodeHost {
  readonly timerIndex: TimerIndex;
  readonly mutex = new KeyedMutex();
  private readonly pending = new Map<string, Pending[]>();
  private readonly ready: string[] = [];
  private readonly queued = new Set<string>();
  private readonly retrying = new Set<string>();
  private readonly parked = new Map<string, Pending[]>();
  private readonly activities: StoredActivity[] = [];
  private runningEpisodes = 0;
  private runningActivities = 0;
  private idleWaiters: Array<() => void> = [];
  private timerHandle: NodeJS.Timeout | undefined;
  private paused = false;
  private stopped = false;
  onTimersChanged: () => void = () => this.armTimers();

  constructor(readonly opts: EngineOptions) {
    this.timerIndex = new TimerIndex(opts.store);
  }

  /** Resumes every pending message and activity found in storage (after a restart or a kill). */
  async start(): Promise<{ messages: number; activities: number }> {
    const { messages, activities } = await this.opts.store.scanPending();
    for (const m of messages) this.deliver(m.instanceId, { event: m.event, executionId: m.executionId, rowKey: m.rowKey }, false);
    for (const a of activities) this.activities.push(a);
    this.pump();
    this.armTimers();
    return { messages: messages.length, activities: activities.length };
  }

  stop(): void {
    this.stopped = true;
    if (this.timerHandle) clearTimeout(this.timerHandle);
  }

  /** Adds a message to an instance's inbox and schedules an episode. */
  deliver(instanceId: string, p: Pending, pump = true): void {
    const list = this.pending.get(instanceId) ?? [];
    list.push(p);
    this.pending.set(instanceId, list);
    this.enqueue(instanceId);
    if (pump) this.pump();
  }

  takePending(instanceId: string): Pending[] {
    const list = this.pending.get(instanceId) ?? [];
    this.pending.delete(instanceId);
    return list;
  }

  returnPending(instanceId: string, rest: Pending[]): void {
    if (rest.length === 0) return;
    this.pending.set(instanceId, [...rest, ...(this.pending.get(instanceId) ?? [])]);
  }

  /** Puts messages back after a failed episode and wakes the instance again a second later. */
  retryLater(instanceId: string, messages: Pending[]): void {
    this.returnPending(instanceId, messages);
    this.retrying.add(instanceId);
    setTimeout(() => {
      this.retrying.delete(instanceId);
      this.enqueue(instanceId);
      this.pump();
    }, EPISODE_RETRY_MS).unref();
  }

  park(instanceId: string, messages: Pending[]): void {
    this.parked.set(instanceId, [...(this.parked.get(instanceId) ?? []), ...messages]);
  }

  /** Suspends a running instance: its messages wait until it resumes (202; 404 unknown; 410 finished). */
  async suspend(instanceId: string, reason: string): Promise<202 | 404 | 410> {
    return this.lifecycle(instanceId, 'Suspended', { EventType: EventType.ExecutionSuspended, Reason: reason });
  }

  /** Resumes a suspended instance and hands it the messages that arrived meanwhile. */
  async resume(instanceId: string, reason: string): Promise<202 | 404 | 410> {
    const code = await this.lifecycle(instanceId, 'Running', { EventType: EventType.ExecutionResumed, Reason: reason });
    const held = this.parked.get(instanceId) ?? [];
    this.parked.delete(instanceId);
    for (const m of held) this.deliver(instanceId, m, false);
    this.pump();
    return code;
  }

  private async lifecycle(instanceId: string, to: 'Suspended' | 'Running', event: Pick<HistoryEvent, 'EventType' | 'Reason'>): Promise<202 | 404 | 410> {
    return this.mutex.run(instanceId, async () => {
      const { store, clock } = this.opts;
      const s = await store.getState(instanceId);
      if (!s) return 404;
      if (!isActive(s.status)) return 410;
      if ((to === 'Suspended') === (s.status === 'Suspended')) return 202;
      const ts = clock.now().toISOString();
      // Before its first episode an instance has no history to add to: it only changes status.
      if (s.episode === 0) {
        await store.commit([store.stateOp({ ...s, status: to === 'Running' ? 'Pending' : to, lastUpdatedTime: ts })]);
        return 202;
      }
      const recorded: HistoryEvent = { ...event, EventId: TaskNumbering.NO_EVENT_ID, Timestamp: ts };
      await store.commit([store.historyOp(instanceId, s.executionId, s.episode, [recorded]), store.stateOp({ ...s, status: to, episode: s.episode + 1, lastUpdatedTime: ts })]);
      return 202;
    });
  }

  enqueueActivity(a: StoredActivity): void {
    this.activities.push(a);
  }

  private enqueue(instanceId: string): void {
    if (this.queued.has(instanceId)) return;
    this.queued.add(instanceId);
    this.ready.push(instanceId);
  }

  /** Starts episodes and activities up to the concurrency limits. */
  pump(): void {
    if (this.stopped) return;
    while (this.runningEpisodes < this.opts.maxConcurrentOrchestrations && this.ready.length > 0) {
      const id = this.ready.shift() as string;
      this.queued.delete(id);
      this.runningEpisodes++;
      void this.mutex
        .run(id, () => (isEntityInstance(id) ? runEntityBatch(this, id) : runEpisode(this, id)))
        .catch((err: unknown) => this.opts.log.error(`orchestration ${id}: episode failed: ${toError(err).stack ?? String(err)}`))
        .finally(() => {
          this.runningEpisodes--;
          if ((this.pending.get(id)?.length ?? 0) > 0 && !this.retrying.has(id)) this.enqueue(id);
          this.pump();
        });
    }
    while (this.runningActivities < this.opts.maxConcurrentActivities && this.activities.length > 0) {
      const a = this.activities.shift() as StoredActivity;
      this.runningActivities++;
      void this.runActivity(a).finally(() => {
        this.runningActivities--;
        this.pump();
      });
    }
    if (this.isIdle()) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((w) => w());
    }
  }

  private isIdle(): boolean {
    return this.ready.length === 0 && this.runningEpisodes === 0 && this.activities.length === 0 && this.runningActivities === 0;
  }

  /** Resolves once no episode or activity is queued or running. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async runActivity(a: StoredActivity): Promise<void> {
    const reg = this.opts.core.registrations.get(a.name);
    let event: HistoryEvent;
    const base = { EventId: TaskNumbering.NO_EVENT_ID, Timestamp: this.opts.clock.now().toISOString(), TaskScheduledId: a.taskId };
    try {
      if (!reg || reg.trigger.type !== 'activityTrigger') throw new Error(`The activity function '${a.name}' doesn't exist, is disabled, or is not an activity function.`);
      const triggerData: RpcTypedData = a.input === undefined ? {} : { string: a.input };
      const { result } = await invokeFunction(this.opts.core, reg, { triggerData, extraInputs: ({ type }) => (isClient(type) ? this.opts.clientInput() : undefined) }, this.opts.log);
      event = { ...base, EventType: EventType.TaskCompleted, Result: toResult(result) };
    } catch (err) {
      const e = toError(err);
      this.opts.log.warn(`activity ${a.name} (${a.instanceId}#${a.taskId}) failed: ${e.message}`);
      event = { ...base, EventType: EventType.TaskFailed, Reason: e.message, Details: e.stack ?? '' };
    }
    this.deliver(a.instanceId, { event, executionId: a.executionId, activity: a });
  }

  /** Fires every durable timer due at or before `now`. */
  async fireDueTimers(now: number): Promise<number> {
    let fired = 0;
    for (let t = await this.timerIndex.next(); t && t.at <= now; t = await this.timerIndex.next()) {
      this.timerIndex.remove(t);
      this.deliver(t.instanceId, { event: { EventType: EventType.TimerFired, EventId: TaskNumbering.NO_EVENT_ID, Timestamp: new Date(now).toISOString(), TimerId: t.taskId, FireAt: new Date(t.at).toISOString() }, executionId: t.executionId, timer: t }, false);
      fired++;
    }
    this.pump();
    return fired;
  }

  /** While paused (the virtual clock is being advanced), timers fire only when the clock says. */
  setPaused(paused: boolean): void {
    this.paused = paused;
    if (!paused) this.armTimers();
  }

  /** Sets a real-time wake-up for the next durable timer. */
  armTimers(): void {
    if (this.timerHandle) clearTimeout(this.timerHandle);
    this.timerHandle = undefined;
    if (this.paused || this.stopped) return;
    void this.timerIndex.next().then((t) => {
      if (!t || this.paused || this.stopped) return;
      const delay = Math.min(Math.max(0, t.at - this.opts.clock.now().getTime()), MAX_TIMER_WAIT_MS);
      if (this.timerHandle) clearTimeout(this.timerHandle);
      this.timerHandle = setTimeout(() => {
        void this.fireDueTimers(this.opts.clock.now().getTime()).finally(() => this.armTimers());
      }, delay);
    });
  }

  // ---- client operations (the Durable extension's HTTP API calls these) ----

  async startNew(name: string, instanceId: string | undefined, input: string | undefined): Promise<{ id: string } | { error: 400 | 409; message: string }> {
    const reg = this.opts.core.registrations.get(name);
    if (!reg || reg.trigger.type !== 'orchestrationTrigger') return { error: 400, message: `The function '${name}' doesn't exist, is disabled, or is not an orchestrator function.` };
    if (instanceId?.startsWith('@')) return { error: 400, message: `Instance IDs starting with '@' are reserved for entities: '${instanceId}'.` };
    const id = instanceId ?? randomUUID().replace(/-/g, '');
    return this.mutex.run(id, async () => {
      const existing = await this.opts.store.getState(id);
      if (existing && isActive(existing.status)) return { error: 409 as const, message: `An orchestration instance with ID '${id}' and status ${existing.status} already exists.` };
      await this.createInstance({ instanceId: id, name, input });
      return { id };
    });
  }

  /** Writes a new (or restarted) instance and its ExecutionStarted message. */
  async createInstance(args: { instanceId: string; name: string; input?: string; parent?: InstanceState['parent'] }): Promise<void> {
    const now = this.opts.clock.now().toISOString();
    const executionId = randomUUID().replace(/-/g, '');
    const state: InstanceState = { instanceId: args.instanceId, name: args.name, status: 'Pending', executionId, input: args.input, createdTime: now, lastUpdatedTime: now, episode: 0, shim: newShimState(), parent: args.parent };
    const msg: StoredMessage = { instanceId: args.instanceId, rowKey: msgKey(`start|${executionId}`), executionId, enq: Date.now(), event: { EventType: EventType.ExecutionStarted, EventId: TaskNumbering.NO_EVENT_ID, Timestamp: now, Name: args.name, Input: args.input } };
    await this.opts.store.commit([this.opts.store.messageOp(msg), this.opts.store.stateOp(state)]);
    this.deliver(args.instanceId, { event: msg.event, executionId, rowKey: msg.rowKey });
  }

  async raiseEvent(instanceId: string, name: string, data: string | undefined): Promise<202 | 404 | 410> {
    const state = await this.opts.store.getState(instanceId);
    if (!state) return 404;
    if (!isActive(state.status)) return 410;
    const event: HistoryEvent = { EventType: EventType.EventRaised, EventId: TaskNumbering.NO_EVENT_ID, Timestamp: this.opts.clock.now().toISOString(), Name: name, Input: data || undefined };
    await this.persistAndDeliver(instanceId, `event|${randomUUID()}`, event);
    return 202;
  }

  async terminate(instanceId: string, reason: string): Promise<202 | 404 | 410> {
    const state = await this.opts.store.getState(instanceId);
    if (!state) return 404;
    if (!isActive(state.status)) return 410;
    const event: HistoryEvent = { EventType: EventType.ExecutionTerminated, EventId: TaskNumbering.NO_EVENT_ID, Timestamp: this.opts.clock.now().toISOString(), Input: JSON.stringify(reason) };
    await this.persistAndDeliver(instanceId, `terminate|${randomUUID()}`, event);
    return 202;
  }

  /** A client's signal: 404 when no entity function of that name is registered, as the extension answers. */
  async signalEntity(name: string, key: string, op: string, input: string | undefined): Promise<202 | 404> {
    if (!findEntityFunction(this.opts.core, name)) return 404;
    await sendToEntity(this, entityInstanceId(name, key), { id: randomUUID(), op, signal: true, input, timestamp: this.opts.clock.now().toISOString() });
    this.pump();
    return 202;
  }

  private async persistAndDeliver(instanceId: string, key: string, event: HistoryEvent, executionId?: string): Promise<void> {
    const msg: StoredMessage = { instanceId, rowKey: msgKey(key), executionId, enq: Date.now(), event };
    await this.opts.store.commit([this.opts.store.messageOp(msg)]);
    this.deliver(instanceId, { event, executionId, rowKey: msg.rowKey });
  }
}
