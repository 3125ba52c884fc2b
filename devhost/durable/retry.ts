import type { HistoryEvent } from './history';
import { ActionType, EventType, Retry, TaskNumbering } from './protocol';
import type { Item, RawAction, RetryOptions, RetryState, Work } from './shim-types';

type RetriedItem = Extract<Item, { kind: 'activity' | 'sub' }>;

/**
 * What follows an event for a task with retry options: after a failure, the back-off timer; after
 * that timer, the next attempt (or, past the retry timeout, an attempt refused at once), or the end
 * once the attempts are used up. Numbers come from `take` at the point the SDK takes them.
 */
export function retryFollowUp(
  item: RetriedItem, retry: RetryState, index: number, e: HistoryEvent, now: number,
  take: (i: number) => number, schedule: (item: Item, a: RawAction) => void, action: RawAction,
  refuse: (w: Extract<Work, { type: 'failed' }>) => void,
): void {
  if (e.EventType === EventType.TimerFired) {
    retry.waitingTimer = false;
    if (retry.failures >= retry.options.maxNumberOfAttempts) {
      item.done = true;
      return;
    }
    item.current = take(index);
    if (!retry.expired) schedule(item, action);
    else {
      const base = { EventId: TaskNumbering.NO_EVENT_ID, Timestamp: new Date(now).toISOString(), TaskScheduledId: item.current, Reason: retry.reason ?? '', Details: retry.details ?? '' };
      refuse({ type: 'failed', taskId: item.current, event: { ...base, EventType: item.kind === 'activity' ? EventType.TaskFailed : EventType.SubOrchestrationInstanceFailed } });
    }
    return;
  }
  retry.failures++;
  retry.waitingTimer = true;
  if (!retry.expired) {
    retry.reason = e.Reason;
    retry.details = e.Details;
  }
  const timeout = retry.options.retryTimeoutInMilliseconds ?? 0;
  if (timeout > 0 && now >= (retry.firstAt ?? now) + timeout) retry.expired = true;
  item.current = take(index);
  // As Durable Task's retry loop: a back-off timer after every failure, the last one included (the
  // failure surfaces when it fires); none once the retry timeout has passed.
  const delay = retry.expired ? Retry.AFTER_TIMEOUT_MS : retryDelay(retry.options, retry.failures);
  const timer: Item = { kind: 'timer', finalAt: now + delay, fireAt: now + delay, long: false, canceled: false, current: item.current, done: false };
  schedule(timer, { actionType: ActionType.CreateTimer });
}


/** The host's back-off before retry number `attempt` (1-based), as Durable Task computes it. */
export function retryDelay(o: RetryOptions, attempt: number): number {
  const delay = o.firstRetryIntervalInMilliseconds * Math.pow(o.backoffCoefficient ?? Retry.DEFAULT_BACKOFF_COEFFICIENT, attempt - 1);
  return Math.min(delay, o.maxRetryIntervalInMilliseconds ?? Number.MAX_SAFE_INTEGER);
}
