import { randomUUID } from 'node:crypto';
import { invokeFunction, toError } from '../functions-host/invoke';
import type { EpisodeHost, Pending } from './engine-types';
import { sendToEntity } from './entities';
import { completedTaskId, toResult, type HistoryEvent } from './history';
import { ActionType, DEFAULT_HTTP_ASYNC_SLEEP_MS, EventType, MAX_EVENTS_PER_EPISODE, OUT_OF_PROC_DATA_MARKER, TaskNumbering, UPPER_SCHEMA_VERSION, isActive, isClient, timeSpan } from './protocol';
import { applyEpisode, flattenActions, isHostDriven, newShimState, openItem, serialiseInput, type Work } from './shim';
import { activityKey, msgKey, type InstanceState, type Op, type StoredMessage } from './store';

interface OrchestratorReply { isDone: boolean; actions: unknown; output?: unknown; customStatus?: unknown }
type Outcome =
  | { kind: 'running'; reply: OrchestratorReply }
  | { kind: 'done'; status: 'Completed' | 'Failed' | 'Terminated'; output: string; reason?: string; details?: string };

/**
 * Splits the inbox into the events this episode delivers, the messages it drops (stale, duplicate,
 * or for a finished instance) and the rest, which wait for the next episode.
 */
function selectBatch(state: InstanceState, inbox: Pending[]): { batch: Pending[]; dropped: Pending[]; rest: Pending[]; terminate?: Pending } {
  const batch: Pending[] = [];
  const dropped: Pending[] = [];
  const completing = new Set<number>();
  for (let i = 0; i < inbox.length; i++) {
    const m = inbox[i] as Pending;
    const e = m.event;
    const taskId = completedTaskId(e);
    if ((m.executionId && m.executionId !== state.executionId) || !isActive(state.status)) dropped.push(m);
    else if (e.EventType === EventType.ExecutionTerminated) return { batch, dropped, terminate: m, rest: inbox.slice(i + 1) };
    // The state row says what to start; its message only wakes the instance.
    else if (e.EventType === EventType.ExecutionStarted) dropped.push(m);
    else if (e.EventType === EventType.EventRaised) batch.push(m);
    else if (taskId === undefined || completing.has(taskId) || !openItem(state.shim, e)) dropped.push(m);
    else {
      batch.push(m);
      completing.add(taskId);
      if (isHostDriven(state.shim, e) || batch.length >= MAX_EVENTS_PER_EPISODE) return { batch, dropped, rest: inbox.slice(i + 1) };
    }
  }
  return { batch, dropped, rest: [] };
}

/** Runs one episode of an instance: replay, apply the orchestrator's decisions, commit atomically. */
export async function runEpisode(engine: EpisodeHost, instanceId: string): Promise<void> {
  const inbox = engine.takePending(instanceId);
  if (inbox.length === 0) return;
  try {
    await episode(engine, instanceId, inbox);
  } catch (err) {
    // Nothing was committed (the state row goes last): keep the messages and try again shortly.
    engine.retryLater(instanceId, inbox);
    throw err;
  }
}

async function episode(engine: EpisodeHost, instanceId: string, inbox: Pending[]): Promise<void> {
  const { store, clock, log, timers } = engine.opts;
  const state = await store.getState(instanceId);
  if (!state) {
    await cleanup(engine, instanceId, inbox);
    return;
  }
  // A suspended instance keeps its messages for when it resumes; only a terminate gets through.
  if (state.status === 'Suspended' && !inbox.some((m) => m.event.EventType === EventType.ExecutionTerminated)) {
    engine.park(instanceId, inbox);
    return;
  }
  const { batch, dropped, rest, terminate } = selectBatch(state, inbox);
  engine.returnPending(instanceId, rest);
  inbox.splice(inbox.length - rest.length, rest.length);
  const now = clock.now().getTime();
  const ts = new Date(now).toISOString();
  const consumed = [...dropped, ...batch, ...(terminate ? [terminate] : [])];
  if (batch.length === 0 && !terminate && state.status !== 'Pending') {
    await cleanup(engine, instanceId, consumed);
    return;
  }
  const past = state.status === 'Pending' ? [] : await store.loadHistory(instanceId, state.executionId);
  const fresh: HistoryEvent[] = [{ EventType: EventType.OrchestratorStarted, EventId: TaskNumbering.NO_EVENT_ID, Timestamp: ts }];
  if (state.status === 'Pending') fresh.push({ EventType: EventType.ExecutionStarted, EventId: TaskNumbering.NO_EVENT_ID, Timestamp: ts, Name: state.name, Input: state.input });
  fresh.push(...batch.map((m) => m.event));
  let outcome: Outcome;
  let work: Work[] = [];
  let shim = state.shim;
  const added: HistoryEvent[] = [];
  let custom = state.customStatus;
  if (terminate) {
    outcome = { kind: 'done', status: 'Terminated', output: terminate.event.Input ?? 'null', reason: `Terminated: ${terminate.event.Input ?? ''}` };
    fresh.push(terminate.event);
  } else {
    const reply = await invokeOrchestrator(engine, state, past, fresh);
    if ('failure' in reply) outcome = fail(state.name, reply.failure);
    else {
      const applied = applyEpisode(state.shim, { instanceId, executionId: state.executionId, actions: flattenActions(reply.actions), events: batch.map((m) => m.event), now, timers });
      if (reply.customStatus !== undefined) custom = JSON.stringify(reply.customStatus);
      if (applied.unsupported || applied.nondeterminism) outcome = fail(state.name, applied.unsupported ?? applied.nondeterminism ?? '');
      else {
        shim = applied.state;
        work = applied.work;
        added.push(...applied.history);
        outcome = reply.isDone && !hasContinueAsNew(reply) ? { kind: 'done', status: 'Completed', output: toResult(reply.output) } : { kind: 'running', reply };
        if (reply.isDone && hasContinueAsNew(reply)) return continueAsNew(engine, state, reply, [...fresh, ...added], consumed);
      }
    }
  }
  const next: InstanceState = { ...state, shim, customStatus: custom, episode: state.episode + 1, lastUpdatedTime: ts, status: outcome.kind === 'done' ? outcome.status : 'Running' };
  if (outcome.kind === 'done') {
    next.output = outcome.output;
    added.push({ EventType: EventType.ExecutionCompleted, EventId: TaskNumbering.NO_EVENT_ID, Timestamp: ts, OrchestrationStatus: outcome.status, Result: outcome.output });
  }
  // Effects on other partitions first, idempotently; this instance's commit makes them count.
  const timerWork = work.filter((w): w is Extract<Work, { type: 'timer' }> => w.type === 'timer').map((w) => ({ at: w.fireAt, instanceId, executionId: state.executionId, taskId: w.taskId }));
  for (const t of timerWork) await store.putTimer(t);
  for (const w of work) if (w.type === 'sub') await createChild(engine, state, w);
  for (const w of work) if (w.type === 'entity') await sendToEntity(engine, w.target, w.request);
  if (outcome.kind === 'done' && state.parent) await notifyParent(engine, state.parent, outcome);
  const ops: Op[] = [store.historyOp(instanceId, state.executionId, state.episode, [...fresh, ...added])];
  for (const w of work) if (w.type === 'activity') ops.push(store.activityOp({ instanceId, executionId: state.executionId, taskId: w.taskId, name: w.name, input: w.input }));
  const refused = work.filter((w): w is Extract<Work, { type: 'failed' }> => w.type === 'failed').map((w): StoredMessage => ({ instanceId, rowKey: msgKey(`refused|${state.executionId}|${w.taskId}`), executionId: state.executionId, enq: Date.now(), event: w.event }));
  for (const m of refused) ops.push(store.messageOp(m));
  ops.push(...deletes(engine, instanceId, consumed), store.stateOp(next));
  await store.commit(ops);
  if (outcome.kind === 'done' && outcome.status === 'Failed') log.warn(`orchestration ${state.name} (${instanceId}) failed: ${firstLine(outcome.reason)}`);
  else if (outcome.kind === 'done') log.info(`orchestration ${state.name} (${instanceId}) ${outcome.status.toLowerCase()}`);
  await afterCommit(engine, consumed);
  for (const w of work) if (w.type === 'activity') engine.enqueueActivity({ instanceId, executionId: state.executionId, taskId: w.taskId, name: w.name, input: w.input });
  for (const m of refused) engine.deliver(instanceId, { event: m.event, executionId: m.executionId, rowKey: m.rowKey }, false);
  for (const t of timerWork) engine.timerIndex.add(t);
  if (timerWork.length > 0) engine.onTimersChanged();
}

async function invokeOrchestrator(engine: EpisodeHost, state: InstanceState, past: HistoryEvent[], fresh: HistoryEvent[]): Promise<OrchestratorReply | { failure: string }> {
  const { core, log, timers } = engine.opts;
  const reg = core.registrations.get(state.name);
  if (!reg || reg.trigger.type !== 'orchestrationTrigger') return { failure: `The orchestrator function '${state.name}' doesn't exist, is disabled, or is not an orchestrator function.` };
  let input: unknown;
  try {
    input = state.input === undefined ? undefined : JSON.parse(state.input);
  } catch {
    // Stored before the API refused such input: fail the instance once instead of retrying it forever.
    return { failure: 'The orchestration input is not valid JSON.' };
  }
  const trigger = {
    history: [...past.map((e) => ({ ...e, IsPlayed: true })), ...fresh.map((e) => ({ ...e, IsPlayed: false }))],
    input,
    instanceId: state.instanceId,
    isReplaying: past.length > 0,
    parentInstanceId: state.parent?.instanceId,
    upperSchemaVersion: UPPER_SCHEMA_VERSION,
    maximumShortTimerDuration: timeSpan(timers.maximumShortTimerMs),
    longRunningTimerIntervalDuration: timeSpan(timers.longRunningTimerIntervalMs),
    defaultHttpAsyncRequestSleepTimeMillseconds: DEFAULT_HTTP_ASYNC_SLEEP_MS,
  };
  try {
    const { result } = await invokeFunction(core, reg, { triggerData: { string: JSON.stringify(trigger) }, extraInputs: ({ type }) => (isClient(type) ? engine.opts.clientInput() : undefined) }, log);
    return result as OrchestratorReply;
  } catch (err) {
    const message = unsupportedNote(failureMessage(toError(err)));
    log.warn(`orchestration ${state.name} (${state.instanceId}) failed: ${message}`);
    return { failure: message };
  }
}

/**
 * The SDK's OrchestrationFailureError puts the orchestrator's state after a marker; its `error` field
 * holds the real message (the text before the marker can be just "false").
 */
function failureMessage(err: Error): string {
  const [head, data] = err.message.split(OUT_OF_PROC_DATA_MARKER);
  if (data) {
    try {
      const state = JSON.parse(data) as { error?: string };
      if (state.error) return state.error;
    } catch {
      // not the SDK's format: fall through to the message
    }
  }
  return head || 'The orchestrator failed.';
}

/** A failure's reason for the console: its first line, capped (stacks and long payloads stay in the status). */
const firstLine = (reason: string | undefined): string => (reason ?? 'no reason given').split('\n')[0]?.slice(0, 300) ?? '';

/** The SDK refuses `lock` below schema V4 and says to upgrade the extension; on the devhost, say what is missing. */
function unsupportedNote(message: string): string {
  return /^lock requires /.test(message) ? `Entity locking (context.df.lock, critical sections) is not supported by the devhost. ${message}` : message;
}

function fail(name: string, message: string): Outcome {
  return { kind: 'done', status: 'Failed', output: JSON.stringify(`Orchestrator function '${name}' failed: ${message}`), reason: message, details: '' };
}

function hasContinueAsNew(reply: OrchestratorReply): boolean {
  return flattenActions(reply.actions).some((a) => a.actionType === ActionType.ContinueAsNew);
}

async function continueAsNew(engine: EpisodeHost, state: InstanceState, reply: OrchestratorReply, events: HistoryEvent[], consumed: Pending[]): Promise<void> {
  const { store, clock } = engine.opts;
  const ts = clock.now().toISOString();
  const action = flattenActions(reply.actions).find((a) => a.actionType === ActionType.ContinueAsNew);
  const input = serialiseInput(action?.input, true);
  const executionId = randomUUID().replace(/-/g, '');
  const msg: StoredMessage = { instanceId: state.instanceId, rowKey: msgKey(`start|${executionId}`), executionId, enq: Date.now(), event: { EventType: EventType.ExecutionStarted, EventId: TaskNumbering.NO_EVENT_ID, Timestamp: ts, Name: state.name, Input: input } };
  const next: InstanceState = { ...state, executionId, input, status: 'Pending', episode: 0, shim: newShimState(), lastUpdatedTime: ts, customStatus: reply.customStatus === undefined ? state.customStatus : JSON.stringify(reply.customStatus) };
  const closing: HistoryEvent = { EventType: EventType.ExecutionCompleted, EventId: TaskNumbering.NO_EVENT_ID, Timestamp: ts, OrchestrationStatus: 'ContinuedAsNew', Result: input };
  await store.commit([store.historyOp(state.instanceId, state.executionId, state.episode, [...events, closing]), store.messageOp(msg), ...deletes(engine, state.instanceId, consumed), store.stateOp(next)]);
  await afterCommit(engine, consumed);
  engine.deliver(state.instanceId, { event: msg.event, executionId, rowKey: msg.rowKey }, false);
}

function deletes(engine: EpisodeHost, instanceId: string, consumed: Pending[]): Op[] {
  const { store } = engine.opts;
  return consumed.flatMap((m) => [
    ...(m.rowKey ? [store.deleteOp(instanceId, m.rowKey)] : []),
    ...(m.activity ? [store.deleteOp(instanceId, activityKey(m.activity.executionId, m.activity.taskId))] : []),
  ]);
}

async function afterCommit(engine: EpisodeHost, consumed: Pending[]): Promise<void> {
  for (const m of consumed) if (m.timer) await engine.opts.store.deleteTimer(m.timer);
}

/** Deletes what an episode consumed without running the orchestrator (stale or dropped messages). */
async function cleanup(engine: EpisodeHost, instanceId: string, consumed: Pending[]): Promise<void> {
  const ops = deletes(engine, instanceId, consumed);
  if (ops.length > 0) await engine.opts.store.commit(ops);
  await afterCommit(engine, consumed);
}

async function createChild(engine: EpisodeHost, parent: InstanceState, w: Extract<Work, { type: 'sub' }>): Promise<void> {
  const existing = await engine.opts.store.getState(w.instanceId);
  const link = { instanceId: parent.instanceId, executionId: parent.executionId, taskId: w.taskId };
  if (existing && existing.parent && existing.parent.executionId === link.executionId && existing.parent.taskId === link.taskId) return;
  if (existing && isActive(existing.status)) {
    await notifyParent(engine, link, { kind: 'done', status: 'Failed', output: '', reason: `An orchestration with instance ID '${w.instanceId}' is already running.` });
    return;
  }
  await engine.createInstance({ instanceId: w.instanceId, name: w.name, input: w.input, parent: link });
}

async function notifyParent(engine: EpisodeHost, parent: NonNullable<InstanceState['parent']>, outcome: Extract<Outcome, { kind: 'done' }>): Promise<void> {
  const ts = engine.opts.clock.now().toISOString();
  const event: HistoryEvent = outcome.status === 'Completed'
    ? { EventType: EventType.SubOrchestrationInstanceCompleted, EventId: TaskNumbering.NO_EVENT_ID, Timestamp: ts, TaskScheduledId: parent.taskId, Result: outcome.output }
    : { EventType: EventType.SubOrchestrationInstanceFailed, EventId: TaskNumbering.NO_EVENT_ID, Timestamp: ts, TaskScheduledId: parent.taskId, Reason: outcome.reason ?? outcome.status, Details: outcome.details ?? '' };
  const msg: StoredMessage = { instanceId: parent.instanceId, rowKey: msgKey(`sub|${parent.executionId}|${parent.taskId}`), executionId: parent.executionId, enq: Date.now(), event };
  await engine.opts.store.commit([engine.opts.store.messageOp(msg)]);
  engine.deliver(parent.instanceId, { event, executionId: parent.executionId, rowKey: msg.rowKey }, false);
}
