/**
 * A reply as a prompt orchestration receives it: no number and no text (orchestration history is
 * stored), only what the matching activity needs. `closed` tells it the prompt ended elsewhere.
 */
export type PromptReply =
  | {
    readonly kind: 'reply'; readonly eventId: string; readonly at: string; readonly intent: string; readonly choice: number | null;
    /** True when the reply names this prompt's message itself (a WhatsApp reply's context): it answers this prompt only, never "which?". */
    readonly exact?: boolean;
  }
  | { readonly kind: 'closed'; readonly eventId: string };

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
  /** Starts a prompt's orchestration (its timeout racing replies); one already there is left alone. */
  startPrompt(promptId: string, closesAt: string): Promise<void>;
  /** Hands a reply (or a nudge that the prompt was ended elsewhere) to a prompt's orchestration. */
  raisePromptReply(promptId: string, reply: PromptReply): Promise<void>;
  /** Starts the orchestration delivering one event to one webhook subscription; one still running is left alone (one that ended finds its delivery final and sends nothing). */
  startDelivery(delivery: { readonly eventId: string; readonly subscriptionId: string }): Promise<void>;
  /** Starts the orchestration sending a deflection's message on `channel` (WhatsApp, or its SMS fallback); one already running is left alone. */
  startDeflection(ref: { readonly deflectionId: string; readonly channel: 'whatsapp' | 'sms' }): Promise<void>;
  /** Starts a reminder call's orchestration (one already running is left alone). */
  startCall(callId: string): Promise<void>;
  /** Tells a call's orchestration that a callback was stored for it (one not running needs none: it reads them when it starts). */
  nudgeCall(callId: string): Promise<void>;
}
