import type { HistoryEvent } from './history';
import { EventType } from './protocol';

const NAMES = Object.fromEntries(Object.entries(EventType).map(([name, n]) => [n, name])) as Record<number, string>;
/** Events the extension leaves out of `historyEvents`: episode markers, and schedulings merged into their completions. */
const HIDDEN = new Set<number>([EventType.OrchestratorStarted, EventType.OrchestratorCompleted, EventType.TaskScheduled, EventType.SubOrchestrationInstanceCreated]);
const COMPLETIONS = new Set<number>([EventType.TaskCompleted, EventType.TaskFailed, EventType.SubOrchestrationInstanceCompleted, EventType.SubOrchestrationInstanceFailed]);
/** Where an event carries an output, shown only with showHistoryOutput=true. */
const OUTPUTS = new Set<number>([EventType.TaskCompleted, EventType.SubOrchestrationInstanceCompleted, EventType.ExecutionCompleted]);

/**
 * An execution's history as the extension's status API shows it (`historyEvents`): event types by
 * name, a completion carrying its function's name and when it was scheduled, no replay bookkeeping,
 * and outputs only when asked for.
 */
export function historyEvents(events: HistoryEvent[], showHistoryOutput: boolean): Array<Record<string, unknown>> {
  const scheduled = new Map<number, HistoryEvent>();
  for (const e of events) if (e.EventType === EventType.TaskScheduled || e.EventType === EventType.SubOrchestrationInstanceCreated) scheduled.set(e.EventId, e);
  return events.filter((e) => !HIDDEN.has(e.EventType)).map((e) => {
    const { EventType: type, EventId: _id, IsPlayed: _played, Name, Result, TaskScheduledId, Input, ...rest } = e;
    const out: Record<string, unknown> = { EventType: NAMES[type] ?? String(type), ...rest };
    if (type === EventType.ExecutionStarted) out.FunctionName = Name;
    else if (Name !== undefined) out.Name = Name;
    if (type === EventType.EventRaised || type === EventType.EventSent) out.Input = Input;
    if (COMPLETIONS.has(type) && TaskScheduledId !== undefined) {
      const s = scheduled.get(TaskScheduledId);
      out.FunctionName = s?.Name;
      out.ScheduledTime = s?.Timestamp;
    }
    if (Result !== undefined && (!OUTPUTS.has(type) || showHistoryOutput)) out.Result = parseOr(Result);
    return out;
  });
}

const parseOr = (s: string): unknown => {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
};
