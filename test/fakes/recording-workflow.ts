import type { MeetingWorkflow, PromptReply } from '../../src/ports/meeting-workflow';

export type WorkflowCall =
  | { readonly method: 'start' | 'ensureRunning' | 'notifyChanged'; readonly meetingId: string }
  | { readonly method: 'broadcastSettingsChanged'; readonly epoch: string };

/**
 * A {@link MeetingWorkflow} that records what it was asked, in order. `running` holds the meetings
 * whose orchestration runs: `start` adds one, `ensureRunning` starts one that is not there.
 */
export class RecordingWorkflow implements MeetingWorkflow {
  readonly calls: WorkflowCall[] = [];
  readonly running = new Set<string>();

  async start(meetingId: string): Promise<void> {
    this.calls.push({ method: 'start', meetingId });
    this.running.add(meetingId);
  }

  async ensureRunning(meetingId: string): Promise<boolean> {
    this.calls.push({ method: 'ensureRunning', meetingId });
    if (this.running.has(meetingId)) return false;
    this.running.add(meetingId);
    return true;
  }

  async notifyChanged(meetingId: string): Promise<void> {
    this.calls.push({ method: 'notifyChanged', meetingId });
  }

  readonly prompts: Array<{ promptId: string; closesAt?: string; reply?: PromptReply }> = [];

  async startPrompt(promptId: string, closesAt: string): Promise<void> {
    this.prompts.push({ promptId, closesAt });
  }

  async raisePromptReply(promptId: string, reply: PromptReply): Promise<void> {
    this.prompts.push({ promptId, reply });
  }

  readonly deliveries: Array<{ eventId: string; subscriptionId: string }> = [];

  async startDelivery(delivery: { eventId: string; subscriptionId: string }): Promise<void> {
    this.deliveries.push({ ...delivery });
  }

  readonly deflections: Array<{ deflectionId: string; channel: 'whatsapp' | 'sms' }> = [];

  async startDeflection(ref: { deflectionId: string; channel: 'whatsapp' | 'sms' }): Promise<void> {
    this.deflections.push({ ...ref });
  }

  readonly callStarts: string[] = [];
  readonly callNudges: string[] = [];

  async startCall(callId: string): Promise<void> {
    this.callStarts.push(callId);
  }

  async nudgeCall(callId: string): Promise<void> {
    this.callNudges.push(callId);
  }

  async broadcastSettingsChanged(epoch: string): Promise<void> {
    this.calls.push({ method: 'broadcastSettingsChanged', epoch });
  }

  /** The calls of one method. */
  of(method: WorkflowCall['method']): WorkflowCall[] {
    return this.calls.filter((c) => c.method === method);
  }
}
