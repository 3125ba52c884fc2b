import type { OrchestrationContext, RetryOptions, Task } from 'durable-functions';
import type { Activities } from '../activities';
import { ACTIVITY } from './names';

type ActivityKey = keyof Activities;
/** The input of activity `K`, from `createActivities`. */
export type ActivityInput<K extends ActivityKey> = Parameters<Activities[K]>[0];
/** The result of activity `K`, from `createActivities`. */
export type ActivityResult<K extends ActivityKey> = Awaited<ReturnType<Activities[K]>>;

/** A durable task whose result type is known. */
export interface TypedTask<T> {
  readonly task: Task;
  /** Phantom: carries `T` for the type checker only. */
  readonly result?: T;
}

/**
 * Schedules activity `key` (by its `createActivities` key, registered under `ACTIVITY[key]`) with
 * an input and result type inferred from the factory: no name strings, no casts at call sites.
 */
export function callActivity<K extends ActivityKey>(context: OrchestrationContext, key: K, input: ActivityInput<K>, retry?: RetryOptions): TypedTask<ActivityResult<K>> {
  const name = ACTIVITY[key];
  return { task: retry ? context.df.callActivityWithRetry(name, retry, input) : context.df.callActivity(name, input) };
}

/**
 * Yields a typed task and returns its result. Every orchestrator reads task results through here
 * (and {@link awaitAll}), so a change in how the SDK hands them back touches this file only.
 */
export function* awaitTask<T>(typed: TypedTask<T>): Generator<Task, T, unknown> {
  return (yield typed.task) as T;
}

/** Yields all tasks at once (fan-out/fan-in) and returns their results in order. */
export function* awaitAll<T>(context: OrchestrationContext, typed: readonly TypedTask<T>[]): Generator<Task, T[], unknown> {
  return (yield context.df.Task.all(typed.map((t) => t.task))) as T[];
}

/** Yields the first of several tasks to finish and returns which one it was. */
export function* awaitAny(context: OrchestrationContext, tasks: readonly Task[]): Generator<Task, Task, unknown> {
  return (yield context.df.Task.any([...tasks])) as Task;
}
