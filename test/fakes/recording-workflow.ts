import type { MeetingWorkflow } from '../../src/ports/meeting-workflow';

export type WorkflowCall =
  | { readonly method: 'start' | 'ensureRunning' | 'notifyChanged'; readonly meetingId: string }
  | { readonly method: 'broadcastSettingsChanged'; readonly epoch: string };

/** A {@link MeetingWorkflow} that only records what it was asked, in order. */
export class RecordingWorkflow implements MeetingWorkflow {
  readonly calls: WorkflowCall[] = [];

  async start(meetingId: string): Promise<void> {
    this.calls.push({ method: 'start', meetingId });
  }

  async ensureRunning(meetingId: string): Promise<void> {
    this.calls.push({ method: 'ensureRunning', meetingId });
  }

  async notifyChanged(meetingId: string): Promise<void> {
    this.calls.push({ method: 'notifyChanged', meetingId });
  }

  async broadcastSettingsChanged(epoch: string): Promise<void> {
    this.calls.push({ method: 'broadcastSettingsChanged', epoch });
  }

  /** The calls of one method. */
  of(method: WorkflowCall['method']): WorkflowCall[] {
    return this.calls.filter((c) => c.method === method);
  }
}
