import type { SupportedLocale } from '../domain/locale';
import type { CallState } from '../domain/voice/call-machine';
import type { FieldError, Result } from '../domain/result';
import type { About, Dispatch } from './dispatch';
import type { SendResult } from './send-result';

/**
 * A Call Automation mid-call callback, parsed by the provider's adapter (no phone numbers, no text):
 * what the call orchestration needs. Times are ISO-8601 UTC; `operationContext` is what we passed
 * with the action it is about (`<callId>:<attempt>:<step>`, see call-context.ts).
 */
export interface CallEvent {
  readonly kind: 'connected' | 'disconnected' | 'createFailed' | 'recognized' | 'recognizeFailed' | 'playCompleted' | 'playFailed' | 'transferAccepted' | 'transferFailed' | 'other';
  /** The CloudEvent `id`: callbacks come at least once, so they are deduplicated on it. */
  readonly eventId: string;
  /** The provider's type name without its prefix (`CallConnected`), for logs. */
  readonly type: string;
  readonly callConnectionId: string;
  readonly operationContext: string | null;
  readonly at: string;
  /** The key pressed (`1`, `*`, `#`) of a `recognized`. */
  readonly tone?: string;
  /** `resultInformation.code` / `subCode` (480/560480 no answer, 400/8510 silence…). */
  readonly code?: number;
  readonly subCode?: number;
}

/** Parses a callback body (a CloudEvents array, or one CloudEvent) into {@link CallEvent}s; errors name the field. */
export type CallEventParser = (body: unknown) => Result<CallEvent[], FieldError>;

/** One reminder call (a voice send), as stored: the spoken text and the number are personal data, never logged. */
export interface StoredCall {
  /** Derived from the send key (`callIdFor`): the orchestration's instance and the row's key. */
  readonly callId: string;
  readonly sendKey: string;
  readonly about: About;
  /** The communication type (`reminder`, …): a cancellation notice offers no confirm / cancel. */
  readonly type: string;
  /** The customer's number (E.164): whom the call recognises keys from. */
  readonly to: string;
  /** The rendered voice template: what the call speaks. */
  readonly text: string;
  /** The connection of the current attempt, once createCall answered or a callback named it. */
  readonly callConnectionId: string | null;
  /** When the current attempt was dialled (set before createCall, so a resumed send never dials again). */
  readonly dialledAt: string | null;
  readonly state: CallState;
  /** A busy or unanswered attempt waits for this instant before the next one. */
  readonly retryAt: string | null;
  /** Set when no further attempt may be made (the meeting changed before the retry): the call is final. */
  readonly noRetry?: boolean;
  readonly updatedAt: string;
}

/** The stored events of a call not applied yet, oldest first. */
export interface PendingCallEvent {
  readonly event: CallEvent;
  readonly receivedAt: string;
}

/** Calls, their callbacks (deduplicated) and the connection → call index. */
export interface CallStore {
  /** Stores a new call; one with the same ID already there is returned unchanged (`created: false`). */
  create(call: StoredCall): Promise<{ created: boolean; call: StoredCall }>;
  get(callId: string): Promise<{ call: StoredCall; etag: string } | undefined>;
  /** Replaces a call if it is unchanged since `etag` was read; false when someone else changed it. */
  replace(call: StoredCall, etag: string): Promise<boolean>;
  /** The call of a connection ID, once one was recorded (`indexConnection`). */
  byConnection(callConnectionId: string): Promise<string | undefined>;
  indexConnection(callConnectionId: string, callId: string): Promise<void>;
  /** Stores a callback once per event ID: false when it was stored before (a duplicate). */
  addEvent(callId: string, event: CallEvent, receivedAt: string): Promise<boolean>;
  /** Callbacks of a call not yet applied, in the order they arrived. */
  pendingEvents(callId: string): Promise<PendingCallEvent[]>;
  markApplied(callId: string, eventId: string): Promise<void>;
  /** Every call of a subject (a meeting), for GetMeeting. */
  list(about: About): Promise<StoredCall[]>;
}

/** What the call asks the customer: the message and the menu, spoken in one voice. */
export interface Speech {
  readonly text: string;
  readonly voice: string;
  readonly locale: SupportedLocale;
}

/**
 * The mid-call actions of Call Automation. Every action names its `operationContext`, which the
 * provider echoes in the callbacks about it. Permanent failures and transient ones are thrown
 * (the call orchestration's activity is retried; a call cannot wait long anyway).
 */
export interface CallControl {
  readonly provider: string;
  /** Speaks `speech` and recognises one key from `to` (no key within the silence timeout: RecognizeFailed). */
  ask(callConnectionId: string, to: string, speech: Speech, operationContext: string): Promise<void>;
  /** Speaks `speech` (the closing sentence); PlayCompleted follows. */
  say(callConnectionId: string, speech: Speech, operationContext: string): Promise<void>;
  /** Transfers the customer to `number` (E.164); CallTransferAccepted or CallTransferFailed follows. */
  transfer(callConnectionId: string, number: string, operationContext: string): Promise<void>;
  /** Ends the call for everyone. A call already gone is not an error. */
  hangUp(callConnectionId: string): Promise<void>;
}

/** What the voice sender dials. */
export interface Dial {
  readonly to: string;
  readonly operationContext: string;
  /** `…/api/events/calls?key=…`: where the provider posts this call's callbacks. */
  readonly callbackUrl: string;
  /** Stable per attempt: the provider's repeatability ID derives from it. */
  readonly idempotencyKey: string;
}

/** Places outbound calls: `createCall`, returning the call connection ID. */
export interface VoiceCaller {
  readonly provider: string;
  /** The number calls come from (ACS_VOICE_FROM): the pacer's sender. */
  readonly from: string;
  /**
   * @returns `sent` with the call connection ID, or a permanent `failed`
   * @throws TransientProviderError when the provider stayed unavailable or throttled
   */
  dial(dial: Dial, dispatch: Dispatch): Promise<SendResult>;
}
