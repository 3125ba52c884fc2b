/**
 * The Durable Task protocol as durable-functions' replay engine speaks it, checked against the SDK
 * version in TESTED_SDK_VERSIONS (see the golden-history tests). Every number the devhost exchanges
 * with the SDK is named here, so a version bump is reviewed in one file.
 */

/** durable-functions versions whose replay engine this protocol was verified against. */
export const TESTED_SDK_VERSIONS = { 'durable-functions': '3.5.0' } as const;

/** History event types (the `EventType` field). */
export const EventType = {
  ExecutionStarted: 0,
  ExecutionCompleted: 1,
  ExecutionFailed: 2,
  ExecutionTerminated: 3,
  TaskScheduled: 4,
  TaskCompleted: 5,
  TaskFailed: 6,
  SubOrchestrationInstanceCreated: 7,
  SubOrchestrationInstanceCompleted: 8,
  SubOrchestrationInstanceFailed: 9,
  TimerCreated: 10,
  TimerFired: 11,
  OrchestratorStarted: 12,
  OrchestratorCompleted: 13,
  EventSent: 14,
  EventRaised: 15,
  ContinueAsNew: 16,
  ExecutionSuspended: 19,
  ExecutionResumed: 20,
} as const;

/** Action types in the orchestrator's reply (`actionType`). */
export const ActionType = {
  CallActivity: 0,
  CallActivityWithRetry: 1,
  CallSubOrchestrator: 2,
  CallSubOrchestratorWithRetry: 3,
  ContinueAsNew: 4,
  CreateTimer: 5,
  WaitForExternalEvent: 6,
  CallEntity: 7,
  CallHttp: 8,
  SignalEntity: 9,
  WhenAny: 11,
  WhenAll: 12,
  LockEntities: 13,
  ReleaseEntities: 14,
} as const;

/**
 * The SDK's ReplaySchema enum (V1 = 0 …). From V3 on the reply nests WhenAny/WhenAll as compound
 * actions and long timers are split by the SDK, as on Azure; the devhost announces V3.
 */
export const ReplaySchema = { V1: 0, V2: 1, V3: 2, V4: 3 } as const;
export const UPPER_SCHEMA_VERSION = ReplaySchema.V3;

/**
 * Task numbering. Activities, timers and sub-orchestrations share one sequence from FIRST_TASK_ID in
 * the order the orchestrator creates them; external events and continueAsNew take no number. Events
 * the host sends in (completions, raised events) carry NO_EVENT_ID: only scheduling events carry
 * the task's number.
 */
export const TaskNumbering = { FIRST_TASK_ID: 0, NO_EVENT_ID: -1, UNNUMBERED: -1 } as const;

/** A sub-orchestration started without an instance ID gets `<parent>:<task number in 4 hex digits>`. */
export const subInstanceId = (parentInstanceId: string, taskId: number): string => `${parentInstanceId}:${taskId.toString(16).padStart(4, '0')}`;

const DAY_MS = 86_400_000;

/**
 * Long timers, as Azure Storage's provider limits them: a timer due later than MAXIMUM_SHORT runs as
 * a chain of sub-timers INTERVAL apart (each one takes a task number when the previous one fires).
 */
export const LongTimer = { MAXIMUM_SHORT_MS: 6 * DAY_MS, INTERVAL_MS: 3 * DAY_MS } as const;

/** Sent with every episode; the SDK needs it from V3 on, though the devhost does not support callHttp. */
export const DEFAULT_HTTP_ASYNC_SLEEP_MS = 30_000;

/**
 * callActivityWithRetry / callSubOrchestratorWithRetry: each failure is followed by a timer of
 * firstRetryInterval × backoffCoefficient^(failures−1), capped at maxRetryInterval, the last attempt's
 * too (Durable Task computes the delay before it checks the attempt count). Once retryTimeout has
 * passed since the first attempt, the timer fires at once and no attempt runs again.
 */
export const Retry = { DEFAULT_BACKOFF_COEFFICIENT: 1, AFTER_TIMEOUT_MS: 0 } as const;

/** The most completions delivered in one episode (a fan-in of thousands replays in steps). */
export const MAX_EVENTS_PER_EPISODE = 50;

/** Runtime statuses in which an instance still takes messages. */
const ACTIVE = new Set(['Pending', 'Running', 'Suspended', 'ContinuedAsNew']);
export const isActive = (status: string): boolean => ACTIVE.has(status);

/** The binding types of a durable client input (the second is the v1 name). */
export const isClient = (type: string): boolean => type === 'durableClient' || type === 'orchestrationClient';

/** OrchestrationFailureError's message puts the orchestrator's state JSON after this marker. */
export const OUT_OF_PROC_DATA_MARKER = '\n\n$OutOfProcData$:';

/** A .NET TimeSpan string ("d.hh:mm:ss"), the form the extension passes timer limits in. */
export function timeSpan(ms: number): string {
  const d = Math.floor(ms / DAY_MS);
  const rest = new Date(ms % DAY_MS).toISOString().slice(11, 19);
  return `${d}.${rest}`;
}

/**
 * Entities, as the extension addresses them: the instance ID `@<name, lower-cased>@<key>`; an
 * operation is an EventRaised named ENTITY_OPERATION_EVENT whose Input is the request message; the
 * answer to a call is an EventRaised named after the request's ID, sent to the caller.
 */
export const ENTITY_OPERATION_EVENT = 'op';
export const entityInstanceId = (name: string, key: string): string => `@${name.toLowerCase()}@${key}`;
export const isEntityInstance = (instanceId: string): boolean => instanceId.startsWith('@') && instanceId.indexOf('@', 1) > 0;
export function parseEntityInstance(instanceId: string): { name: string; key: string } {
  const at = instanceId.indexOf('@', 1);
  return { name: instanceId.slice(1, at), key: instanceId.slice(at + 1) };
}
/** The most operations one entity runs in one batch (one invocation of its function). */
export const MAX_ENTITY_BATCH = 20;
