/** The meeting orchestrations, as the HTTP side sees them. */
export interface MeetingWorkflow {
  /** Starts the orchestration of a meeting just created (a concurrent start is harmless). */
  start(meetingId: string): Promise<void>;
  /** Makes sure the meeting's orchestration runs (starts it unless it is already running); true when it started it. */
  ensureRunning(meetingId: string): Promise<boolean>;
  /** Tells the orchestration to re-plan now (starting it if it is not running). */
  notifyChanged(meetingId: string): Promise<void>;
  /** Starts a broadcast that makes every scheduled meeting re-plan (after a settings change). */
  broadcastSettingsChanged(epoch: string): Promise<void>;
}
