import type { Task } from 'durable-functions';

/**
 * Yields a durable task and returns its result with the expected type. Every orchestrator reads
 * task results through here, so a change in how the SDK hands them back touches this file only.
 */
export function* awaitTask<T>(task: Task): Generator<Task, T, unknown> {
  return (yield task) as T;
}
