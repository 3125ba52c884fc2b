import type { EntityRequest } from './entity-request';
import type { HistoryEvent } from './history';
import type { TaskNumbering } from './protocol';

/** Retry options as durable-functions' RetryOptions carries them. */
export interface RetryOptions {
  firstRetryIntervalInMilliseconds: number;
  maxNumberOfAttempts: number;
  backoffCoefficient?: number;
  maxRetryIntervalInMilliseconds?: number;
  /** Since the first attempt was scheduled; 0 or absent: no limit (as the extension reads it). */
  retryTimeoutInMilliseconds?: number;
}

/**
 * `firstAt`: when the first attempt was scheduled. `expired`: the retry timeout passed at a failure,
 * so no attempt runs again; the SDK still counts attempts, so each one it asks for fails at once
 * with the last real failure (`reason`, `details`) until it gives up.
 */
export interface RetryState { options: RetryOptions; failures: number; waitingTimer: boolean; firstAt?: number; expired?: boolean; reason?: string; details?: string }
export type Item =
  | { kind: 'activity'; name: string; current: number; done: boolean; retry?: RetryState; fireAt?: undefined }
  | { kind: 'sub'; name: string; instanceId?: string; current: number; done: boolean; retry?: RetryState; fireAt?: undefined }
  | { kind: 'timer'; finalAt: number; fireAt: number; long: boolean; canceled: boolean; current: number; done: boolean }
  | { kind: 'event' | 'continue'; current: typeof TaskNumbering.UNNUMBERED; done: true }
  /** callEntity / signalEntity: numbered, sent once; a call's answer is an event the SDK matches itself. */
  | { kind: 'entity'; current: number; done: true; fireAt?: undefined };

/** What the host remembers of one execution to number tasks exactly as the SDK does. */
export interface ShimState { nextSeq: number; items: Item[]; owner: Record<number, number> }

export type Work =
  | { type: 'activity'; taskId: number; name: string; input: string | undefined }
  | { type: 'timer'; taskId: number; fireAt: number }
  | { type: 'sub'; taskId: number; name: string; instanceId: string; input: string | undefined }
  | { type: 'entity'; taskId: number; target: string; request: EntityRequest }
  /** An attempt the retry timeout refuses: its failure is delivered without running anything. */
  | { type: 'failed'; taskId: number; event: HistoryEvent };

export interface TimerSettings { maximumShortTimerMs: number; longRunningTimerIntervalMs: number }

export interface RawAction { actionType: number; compoundActions?: RawAction[]; functionName?: string; operation?: string; input?: unknown; instanceId?: string; fireAt?: Date | string; isCanceled?: boolean; retryOptions?: RetryOptions }
export interface EpisodeOutcome { state: ShimState; work: Work[]; history: HistoryEvent[]; unsupported?: string; nondeterminism?: string }
