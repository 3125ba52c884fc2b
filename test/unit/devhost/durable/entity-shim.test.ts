import type { HistoryEvent } from '../../../../devhost/durable/history';
import { historyEvents } from '../../../../devhost/durable/history-view';
import { ActionType, EventType, entityInstanceId, isEntityInstance, parseEntityInstance } from '../../../../devhost/durable/protocol';
import { applyEpisode, newShimState } from '../../../../devhost/durable/shim';

const timers = { maximumShortTimerMs: 6 * 86_400_000, longRunningTimerIntervalMs: 3 * 86_400_000 };
const t0 = Date.UTC(2026, 0, 1);
const failed = (id: number, reason = 'boom'): HistoryEvent => ({ EventType: EventType.TaskFailed, EventId: -1, Timestamp: '', TaskScheduledId: id, Reason: reason, Details: '' });
const fired = (id: number, at: number): HistoryEvent => ({ EventType: EventType.TimerFired, EventId: -1, Timestamp: '', TimerId: id, FireAt: new Date(at).toISOString() });

describe('entity actions in the replay shim', () => {
  test('signalEntity and callEntity take task numbers in order and are sent as EventSent with a request', () => {
    const target = entityInstanceId('Tally', 'k');
    const actions = [
      { actionType: ActionType.SignalEntity, instanceId: target, operation: 'add', input: 2 },
      { actionType: ActionType.CallActivity, functionName: 'A' },
      { actionType: ActionType.CallEntity, instanceId: target, operation: 'get' },
    ];
    const out = applyEpisode(newShimState(), { instanceId: 'o', executionId: 'e', actions, events: [], now: t0, timers });
    expect(out.work.map((w) => [w.type, w.taskId])).toEqual([['entity', 0], ['activity', 1], ['entity', 2]]);
    const sent = out.history.filter((e) => e.EventType === EventType.EventSent);
    expect(sent.map((e) => [e.EventId, e.InstanceId])).toEqual([[0, '@tally@k'], [2, '@tally@k']]);
    const requests = sent.map((e) => JSON.parse(e.Input ?? '{}') as { id: string; op: string; signal: boolean; input?: string; parent: string });
    expect(requests.map((r) => [r.op, r.signal, r.input, r.parent])).toEqual([['add', true, '2', 'o'], ['get', false, undefined, 'o']]);
    // Derived IDs: a retried episode sends the same requests.
    const again = applyEpisode(newShimState(), { instanceId: 'o', executionId: 'e', actions, events: [], now: t0, timers });
    expect(again.history.filter((e) => e.EventType === EventType.EventSent).map((e) => e.Input)).toEqual(sent.map((e) => e.Input));
  });

  test('entity instance IDs: lower-cased name, key kept', () => {
    expect(entityInstanceId('Tally', 'A@b')).toBe('@tally@A@b');
    expect(parseEntityInstance('@tally@A@b')).toEqual({ name: 'tally', key: 'A@b' });
    expect(isEntityInstance('@tally@x')).toBe(true);
    expect(isEntityInstance('meeting:1')).toBe(false);
  });
});

describe('retry timeout in the replay shim', () => {
  test('once the timeout has passed, the timer fires at once and the next attempt fails without running', () => {
    const options = { firstRetryIntervalInMilliseconds: 1000, maxNumberOfAttempts: 3, retryTimeoutInMilliseconds: 500 };
    const action = { actionType: ActionType.CallActivityWithRetry, functionName: 'F', retryOptions: options };
    let out = applyEpisode(newShimState(), { instanceId: 'i', actions: [action], events: [], now: t0, timers });
    out = applyEpisode(out.state, { instanceId: 'i', actions: [action], events: [failed(0, 'first')], now: t0 + 600, timers });
    expect(out.work).toEqual([{ type: 'timer', taskId: 1, fireAt: t0 + 600 }]);
    out = applyEpisode(out.state, { instanceId: 'i', actions: [action], events: [fired(1, t0 + 600)], now: t0 + 600, timers });
    expect(out.work).toEqual([{ type: 'failed', taskId: 2, event: expect.objectContaining({ EventType: EventType.TaskFailed, TaskScheduledId: 2, Reason: 'first' }) }]);
  });
});

describe('historyEvents', () => {
  const events: HistoryEvent[] = [
    { EventType: EventType.OrchestratorStarted, EventId: -1, Timestamp: 't0' },
    { EventType: EventType.ExecutionStarted, EventId: -1, Timestamp: 't0', Name: 'Chain', Input: '"in"' },
    { EventType: EventType.TaskScheduled, EventId: 0, Timestamp: 't0', Name: 'Upper' },
    { EventType: EventType.OrchestratorStarted, EventId: -1, Timestamp: 't1' },
    { EventType: EventType.TaskCompleted, EventId: -1, Timestamp: 't1', TaskScheduledId: 0, Result: '"A"' },
    { EventType: EventType.ExecutionCompleted, EventId: -1, Timestamp: 't1', OrchestrationStatus: 'Completed', Result: '["A"]' },
  ];
  test.each([
    [false, [{ EventType: 'ExecutionStarted', Timestamp: 't0', FunctionName: 'Chain' }, { EventType: 'TaskCompleted', Timestamp: 't1', FunctionName: 'Upper', ScheduledTime: 't0' }, { EventType: 'ExecutionCompleted', Timestamp: 't1', OrchestrationStatus: 'Completed' }]],
    [true, [{ EventType: 'ExecutionStarted', Timestamp: 't0', FunctionName: 'Chain' }, { EventType: 'TaskCompleted', Timestamp: 't1', FunctionName: 'Upper', ScheduledTime: 't0', Result: 'A' }, { EventType: 'ExecutionCompleted', Timestamp: 't1', OrchestrationStatus: 'Completed', Result: ['A'] }]],
  ])('showHistoryOutput=%s', (showOutput, expected) => {
    expect(historyEvents(events, showOutput)).toEqual(expected);
  });
});
