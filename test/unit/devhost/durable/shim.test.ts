import type { HistoryEvent } from '../../../../devhost/durable/history';
import { ActionType, EventType } from '../../../../devhost/durable/protocol';
import { applyEpisode, flattenActions, isHostDriven, newShimState, retryDelay } from '../../../../devhost/durable/shim';

const DAY = 86_400_000;
const timers = { maximumShortTimerMs: 6 * DAY, longRunningTimerIntervalMs: 3 * DAY };
const t0 = Date.UTC(2026, 0, 1);
const fired = (id: number, at: number): HistoryEvent => ({ EventType: EventType.TimerFired, EventId: -1, Timestamp: '', TimerId: id, FireAt: new Date(at).toISOString() });
const failed = (id: number): HistoryEvent => ({ EventType: EventType.TaskFailed, EventId: -1, Timestamp: '', TaskScheduledId: id, Reason: 'x', Details: '' });
const completed = (id: number): HistoryEvent => ({ EventType: EventType.TaskCompleted, EventId: -1, Timestamp: '', TaskScheduledId: id, Result: '1' });

describe('the host side of replay schema V3', () => {
  test('a task yielded twice inside compound actions is numbered once', () => {
    const a = { actionType: ActionType.CallActivity, functionName: 'A' };
    const t = { actionType: ActionType.CreateTimer, fireAt: new Date(t0) };
    const flat = flattenActions([[a, { actionType: ActionType.WhenAny, compoundActions: [t, a] }]]);
    expect(flat).toEqual([a, t]);
  });

  test('activities and timers share one sequence; external events take no number', () => {
    const actions = flattenActions([[{ actionType: ActionType.CallActivity, functionName: 'A', input: '"x"' }, { actionType: ActionType.WhenAny, compoundActions: [{ actionType: ActionType.WaitForExternalEvent, externalEventName: 'E' }, { actionType: ActionType.CreateTimer, fireAt: new Date(t0 + 1000) }] }]]);
    const out = applyEpisode(newShimState(), { instanceId: 'i', actions, events: [], now: t0, timers });
    expect(out.work).toEqual([
      { type: 'activity', taskId: 0, name: 'A', input: '"x"' },
      { type: 'timer', taskId: 1, fireAt: t0 + 1000 },
    ]);
  });

  test('a 30-day timer is a chain of sub-timers, each numbered when the previous one fires', () => {
    const action = { actionType: ActionType.CreateTimer, fireAt: new Date(t0 + 30 * DAY) };
    let out = applyEpisode(newShimState(), { instanceId: 'i', actions: [action], events: [], now: t0, timers });
    const fires: number[] = [];
    for (let i = 0; i < 20 && out.work.length > 0; i++) {
      const w = out.work[0] as { taskId: number; fireAt: number };
      fires.push((w.fireAt - t0) / DAY);
      const e = fired(w.taskId, w.fireAt);
      // Every sub-timer of a long timer ends its batch: the host decides at that point whether another follows.
      expect(isHostDriven(out.state, e)).toBe(true);
      out = applyEpisode(out.state, { instanceId: 'i', actions: [action], events: [e], now: w.fireAt, timers });
    }
    expect(fires).toEqual([3, 6, 9, 12, 15, 18, 21, 24, 30]);
    expect(out.state.nextSeq).toBe(9);
  });

  test('callActivityWithRetry: failure → back-off timer → next attempt, with growing delays', () => {
    const options = { firstRetryIntervalInMilliseconds: 1000, maxNumberOfAttempts: 3, backoffCoefficient: 2 };
    const action = { actionType: ActionType.CallActivityWithRetry, functionName: 'F', retryOptions: options };
    let out = applyEpisode(newShimState(), { instanceId: 'i', actions: [action], events: [], now: t0, timers });
    expect(out.work).toEqual([{ type: 'activity', taskId: 0, name: 'F', input: undefined }]);
    out = applyEpisode(out.state, { instanceId: 'i', actions: [action], events: [failed(0)], now: t0, timers });
    expect(out.work).toEqual([{ type: 'timer', taskId: 1, fireAt: t0 + 1000 }]);
    out = applyEpisode(out.state, { instanceId: 'i', actions: [action], events: [fired(1, t0 + 1000)], now: t0 + 1000, timers });
    expect(out.work).toEqual([{ type: 'activity', taskId: 2, name: 'F', input: undefined }]);
    out = applyEpisode(out.state, { instanceId: 'i', actions: [action], events: [failed(2)], now: t0 + 1000, timers });
    expect(out.work).toEqual([{ type: 'timer', taskId: 3, fireAt: t0 + 1000 + 2000 }]);
    out = applyEpisode(out.state, { instanceId: 'i', actions: [action], events: [fired(3, t0 + 3000)], now: t0 + 3000, timers });
    out = applyEpisode(out.state, { instanceId: 'i', actions: [action], events: [completed(4)], now: t0 + 3000, timers });
    expect(out.work).toEqual([]);
    expect(out.state.items[0]?.done).toBe(true);
  });

  test('after the last attempt fails the task ends once its back-off timer fires', () => {
    const options = { firstRetryIntervalInMilliseconds: 500, maxNumberOfAttempts: 1 };
    const action = { actionType: ActionType.CallActivityWithRetry, functionName: 'F', retryOptions: options };
    let out = applyEpisode(newShimState(), { instanceId: 'i', actions: [action], events: [], now: t0, timers });
    out = applyEpisode(out.state, { instanceId: 'i', actions: [action], events: [failed(0)], now: t0, timers });
    expect(out.work).toEqual([{ type: 'timer', taskId: 1, fireAt: t0 + 500 }]);
    out = applyEpisode(out.state, { instanceId: 'i', actions: [action], events: [fired(1, t0 + 500)], now: t0 + 500, timers });
    expect(out.work).toEqual([]);
    expect(out.state.items[0]?.done).toBe(true);
  });

  test('a changed action list is reported as non-determinism', () => {
    const first = applyEpisode(newShimState(), { instanceId: 'i', actions: [{ actionType: ActionType.CallActivity, functionName: 'A' }], events: [], now: t0, timers });
    const second = applyEpisode(first.state, { instanceId: 'i', actions: [{ actionType: ActionType.CreateTimer, fireAt: new Date(t0) }], events: [], now: t0, timers });
    expect(second.nondeterminism).toMatch(/Non-deterministic/);
  });

  test('unsupported actions are named, not silently ignored', () => {
    const out = applyEpisode(newShimState(), { instanceId: 'i', actions: [{ actionType: ActionType.CallHttp }], events: [], now: t0, timers });
    expect(out.unsupported).toContain('CallHttp');
  });

  test.each([
    [{ firstRetryIntervalInMilliseconds: 1000, maxNumberOfAttempts: 5 }, [1000, 1000, 1000]],
    [{ firstRetryIntervalInMilliseconds: 1000, maxNumberOfAttempts: 5, backoffCoefficient: 3, maxRetryIntervalInMilliseconds: 5000 }, [1000, 3000, 5000]],
  ])('retry delays %j', (options, delays) => {
    expect([1, 2, 3].map((n) => retryDelay(options, n))).toEqual(delays);
  });
});
