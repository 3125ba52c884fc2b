import { completedTaskId, type HistoryEvent } from './history';
import { entityRequestId, type EntityRequest } from './entity-request';
import { ActionType, ENTITY_OPERATION_EVENT, EventType, TaskNumbering, subInstanceId } from './protocol';
import { retryFollowUp } from './retry';
import type { EpisodeOutcome, Item, RawAction, ShimState, TimerSettings, Work } from './shim-types';

export type { EpisodeOutcome, Item, RetryOptions, ShimState, TimerSettings, Work } from './shim-types';
export { retryDelay } from './retry';

export const newShimState = (): ShimState => ({ nextSeq: TaskNumbering.FIRST_TASK_ID, items: [], owner: {} });

/** The item an event is addressed to, if that item is waiting for exactly this event. */
export function openItem(state: ShimState, e: HistoryEvent): Item | undefined {
  const id = completedTaskId(e);
  if (id === undefined) return undefined;
  const index = state.owner[id];
  const item = index === undefined ? undefined : state.items[index];
  if (!item || item.done || item.current !== id) return undefined;
  if (e.EventType === EventType.TimerFired) {
    if (item.kind === 'timer' && (item.canceled || Date.parse(e.FireAt ?? '') !== item.fireAt)) return undefined;
    if (item.kind !== 'timer' && !item.retry?.waitingTimer) return undefined;
  }
  return item;
}

/**
 * True when the SDK answers this event by creating a follow-up task (a long timer's next sub-timer,
 * a retry's timer or next attempt) whose sequence number the host must assign at the same point.
 * A batch of new events ends at such an event so both sides number tasks in the same order.
 */
export function isHostDriven(state: ShimState, e: HistoryEvent): boolean {
  const item = openItem(state, e);
  if (!item) return false;
  if (item.kind === 'timer') return item.long;
  if (item.kind !== 'activity' && item.kind !== 'sub') return false;
  if (!item.retry) return false;
  return e.EventType === EventType.TimerFired || e.EventType === EventType.TaskFailed || e.EventType === EventType.SubOrchestrationInstanceFailed;
}


/** Flattens the SDK's action tree in task-numbering order; a task yielded twice counts once. */
export function flattenActions(actions: unknown): RawAction[] {
  const out: RawAction[] = [];
  const seen = new Set<RawAction>();
  const visit = (a: RawAction): void => {
    if (a.actionType === ActionType.WhenAll || a.actionType === ActionType.WhenAny) {
      (a.compoundActions ?? []).forEach(visit);
    } else if (!seen.has(a)) {
      seen.add(a);
      out.push(a);
    }
  };
  for (const group of (actions as RawAction[][]) ?? []) for (const a of group ?? []) visit(a);
  return out;
}


/**
 * The SDK pre-serialises string inputs of activities and continueAsNew (Utils.processInput), so a
 * string there is already JSON; sub-orchestration inputs arrive as plain values.
 */
export const serialiseInput = (input: unknown, preserialised: boolean): string | undefined =>
  input === undefined ? undefined : preserialised && typeof input === 'string' ? input : JSON.stringify(input);

/**
 * Applies one episode: marks the tasks its events completed, numbers the new actions, then (for a
 * batch that ended at a host-driven event) creates that event's follow-up task.
 */
export function applyEpisode(prev: ShimState, args: { instanceId: string; executionId?: string; actions: RawAction[]; events: HistoryEvent[]; now: number; timers: TimerSettings }): EpisodeOutcome {
  const state: ShimState = structuredClone(prev);
  const work: Work[] = [];
  const history: HistoryEvent[] = [];
  const ts = new Date(args.now).toISOString();
  const last = args.events[args.events.length - 1];
  const drivenEvent = last && isHostDriven(prev, last) ? last : undefined;
  for (const e of args.events) {
    if (e === drivenEvent) continue;
    const item = openItem(state, e);
    if (item) item.done = true;
  }
  const take = (index: number): number => {
    const id = state.nextSeq++;
    state.owner[id] = index;
    return id;
  };
  const schedule = (item: Item, a: RawAction): void => {
    if (item.kind === 'activity') {
      work.push({ type: 'activity', taskId: item.current, name: item.name, input: serialiseInput(a.input, true) });
      history.push({ EventType: EventType.TaskScheduled, EventId: item.current, Timestamp: ts, Name: item.name });
    } else if (item.kind === 'sub') {
      const instanceId = a.instanceId || subInstanceId(args.instanceId, item.current);
      work.push({ type: 'sub', taskId: item.current, name: item.name, instanceId, input: serialiseInput(a.input, false) });
      history.push({ EventType: EventType.SubOrchestrationInstanceCreated, EventId: item.current, Timestamp: ts, Name: item.name, InstanceId: instanceId });
    } else if (item.kind === 'entity') {
      const target = String(a.instanceId);
      const request: EntityRequest = {
        id: entityRequestId(args.instanceId, args.executionId ?? '', item.current), op: String(a.operation ?? ''), signal: a.actionType === ActionType.SignalEntity,
        input: serialiseInput(a.input, false), parent: args.instanceId, parentExecution: args.executionId, timestamp: ts,
      };
      work.push({ type: 'entity', taskId: item.current, target, request });
      history.push({ EventType: EventType.EventSent, EventId: item.current, Timestamp: ts, Name: ENTITY_OPERATION_EVENT, InstanceId: target, Input: JSON.stringify(request) });
    } else if (item.kind === 'timer' && !item.canceled) {
      work.push({ type: 'timer', taskId: item.current, fireAt: item.fireAt });
      history.push({ EventType: EventType.TimerCreated, EventId: item.current, Timestamp: ts, FireAt: new Date(item.fireAt).toISOString() });
    }
  };
  const nextTimerAt = (finalAt: number): number => (finalAt - args.now > args.timers.maximumShortTimerMs ? args.now + args.timers.longRunningTimerIntervalMs : finalAt);

  for (const [i, a] of args.actions.entries()) {
    const known = state.items[i];
    if (known) {
      if (expectedKind(a) !== known.kind) {
        return { state: prev, work: [], history: [], nondeterminism: `Non-deterministic workflow detected: action ${i} was a ${known.kind} and is now ${expectedKind(a) ?? a.actionType}.` };
      }
      if (known.kind === 'timer' && a.isCanceled) known.canceled = true;
      continue;
    }
    let item: Item;
    switch (a.actionType) {
      case ActionType.CallActivity:
      case ActionType.CallActivityWithRetry:
        item = { kind: 'activity', name: String(a.functionName), current: take(i), done: false, retry: a.retryOptions && a.actionType === ActionType.CallActivityWithRetry ? { options: a.retryOptions, failures: 0, waitingTimer: false, firstAt: args.now } : undefined };
        break;
      case ActionType.CallSubOrchestrator:
      case ActionType.CallSubOrchestratorWithRetry:
        item = { kind: 'sub', name: String(a.functionName), instanceId: a.instanceId || undefined, current: take(i), done: false, retry: a.retryOptions && a.actionType === ActionType.CallSubOrchestratorWithRetry ? { options: a.retryOptions, failures: 0, waitingTimer: false, firstAt: args.now } : undefined };
        break;
      case ActionType.CreateTimer: {
        const finalAt = new Date(a.fireAt as string | Date).getTime();
        const long = finalAt - args.now > args.timers.maximumShortTimerMs;
        item = { kind: 'timer', finalAt, fireAt: nextTimerAt(finalAt), long, canceled: Boolean(a.isCanceled), current: take(i), done: false };
        break;
      }
      case ActionType.CallEntity:
      case ActionType.SignalEntity:
        item = { kind: 'entity', current: take(i), done: true };
        break;
      case ActionType.WaitForExternalEvent:
        item = { kind: 'event', current: TaskNumbering.UNNUMBERED, done: true };
        break;
      case ActionType.ContinueAsNew:
        item = { kind: 'continue', current: TaskNumbering.UNNUMBERED, done: true };
        break;
      default:
        return { state: prev, work: [], history: [], unsupported: `Action type ${a.actionType} (${actionName(a.actionType)}) is not supported by the devhost.` };
    }
    state.items.push(item);
    schedule(item, a);
  }

  if (drivenEvent) {
    const item = openItem(state, drivenEvent);
    const index = item ? state.owner[item.current] : undefined;
    if (item && index !== undefined) followUp(item, index, drivenEvent, args.now, take, schedule, nextTimerAt, args.actions[index], (w) => work.push(w));
  }
  return { state, work, history };
}

function followUp(
  item: Item, index: number, e: HistoryEvent, now: number,
  take: (i: number) => number, schedule: (item: Item, a: RawAction) => void,
  nextTimerAt: (finalAt: number) => number, action: RawAction | undefined, refuse: (w: Extract<Work, { type: 'failed' }>) => void,
): void {
  if (item.kind === 'timer') {
    if (item.finalAt > now) {
      item.current = take(index);
      item.fireAt = nextTimerAt(item.finalAt);
      if (action) schedule(item, action);
    } else item.done = true;
    return;
  }
  if ((item.kind === 'activity' || item.kind === 'sub') && item.retry && action) retryFollowUp(item, item.retry, index, e, now, take, schedule, action, refuse);
}

function expectedKind(a: RawAction): Item['kind'] | undefined {
  switch (a.actionType) {
    case ActionType.CallActivity:
    case ActionType.CallActivityWithRetry:
      return 'activity';
    case ActionType.CallSubOrchestrator:
    case ActionType.CallSubOrchestratorWithRetry:
      return 'sub';
    case ActionType.CreateTimer:
      return 'timer';
    case ActionType.CallEntity:
    case ActionType.SignalEntity:
      return 'entity';
    case ActionType.WaitForExternalEvent:
      return 'event';
    case ActionType.ContinueAsNew:
      return 'continue';
    default:
      return undefined;
  }
}

function actionName(t: number): string {
  return Object.entries(ActionType).find(([, v]) => v === t)?.[0] ?? 'unknown';
}
