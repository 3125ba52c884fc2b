import type { VirtualClock } from '../functions-host/clock';
import type { RpcTypedData } from '../functions-host/core-types';
import type { FunctionsCore } from '../functions-host/functions-core';
import type { Logger } from '../functions-host/logger';
import type { EntityStore } from './entity-store';
import type { HistoryEvent } from './history';
import type { TimerSettings } from './shim';
import type { DurableStore, InstanceState, StoredActivity, StoredTimer } from './store';
import type { TimerIndex } from './timer-index';

/** A message waiting for an instance's next episode; persisted ones carry their row key. */
export interface Pending { event: HistoryEvent; executionId?: string; rowKey?: string; activity?: StoredActivity; timer?: StoredTimer }

export interface EngineOptions {
  store: DurableStore;
  entities: EntityStore;
  core: FunctionsCore;
  clock: VirtualClock;
  log: Logger;
  maxConcurrentActivities: number;
  maxConcurrentOrchestrations: number;
  timers: TimerSettings;
  /** Binding data for durableClient inputs of activities. */
  clientInput: () => RpcTypedData;
}

/**
 * What an episode needs from the engine that runs it. Declared apart from the Engine class so that
 * episode.ts depends on this contract, not on engine.ts (which imports the episode runner).
 */
export interface EpisodeHost {
  readonly opts: EngineOptions;
  readonly timerIndex: TimerIndex;
  takePending(instanceId: string): Pending[];
  returnPending(instanceId: string, rest: Pending[]): void;
  retryLater(instanceId: string, messages: Pending[]): void;
  /** Holds a suspended instance's messages until it resumes. */
  park(instanceId: string, messages: Pending[]): void;
  deliver(instanceId: string, p: Pending, pump?: boolean): void;
  enqueueActivity(a: StoredActivity): void;
  onTimersChanged(): void;
  createInstance(args: { instanceId: string; name: string; input?: string; parent?: InstanceState['parent'] }): Promise<void>;
}
