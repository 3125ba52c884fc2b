import { EventType } from './protocol';

/** One history event, in the shape the SDK's replay engine reads. */
export interface HistoryEvent {
  EventType: number;
  EventId: number;
  IsPlayed?: boolean;
  Timestamp: string;
  Name?: string;
  Input?: string;
  Result?: string;
  Reason?: string;
  Details?: string;
  TaskScheduledId?: number;
  TimerId?: number;
  FireAt?: string;
  InstanceId?: string;
  OrchestrationStatus?: string;
}

/** The id of the task an event completes, if it completes one. */
export function completedTaskId(e: HistoryEvent): number | undefined {
  switch (e.EventType) {
    case EventType.TaskCompleted:
    case EventType.TaskFailed:
    case EventType.SubOrchestrationInstanceCompleted:
    case EventType.SubOrchestrationInstanceFailed:
      return e.TaskScheduledId;
    case EventType.TimerFired:
      return e.TimerId;
    default:
      return undefined;
  }
}

/** Serialises a task result the way the host does (undefined becomes null, so replay can parse it). */
export function toResult(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}
