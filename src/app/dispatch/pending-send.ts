import type { Channel, Result } from '../../domain';
import type { About, MessageContent } from '../../ports/dispatch';
import type { LedgerEntry } from '../../ports/ledger';
import type { MeetingWorkflow } from '../../ports/meeting-workflow';
import type { SendOutcome } from './send-outcome';

/**
 * One message a producer (the meeting planner, a test send, later callbacks and deflections) wants
 * sent, described so that the channel-free send core can claim, send and record it without knowing
 * what it is about.
 */
export interface PendingSend {
  readonly about: About;
  readonly key: string;
  /** What kind of message (`confirmation`, `reminder`, `test`…): ledger, outbox and logs show it. */
  readonly type: string;
  readonly channel: Channel;
  /** The contact it goes to, when the producer knows one (named in the message's domain events). */
  readonly contactId?: string;
  readonly plannedFor: string | null;
  /** The ledger entry of `key` when the producer already read it (null: known to be absent). */
  readonly entry?: LedgerEntry | null;
  /** Why it is not to be sent now (not due, turned off…); consulted before a claim only. */
  readonly notDue?: string;
  /**
   * Read again what may have changed since the producer looked (a cancellation saved meanwhile):
   * the reason it must no longer go out, or undefined. Runs after the claim, and before a deferred
   * send is retried.
   */
  recheck(): Promise<string | undefined>;
  /**
   * Before a deferred send is retried: an instant it must wait for first (the end of the recipient's
   * quiet hours), with the reason, or undefined. First sends are held by their producer's plan.
   */
  holdUntil?(): { readonly until: string; readonly reason: string } | undefined;
  /** The recipient and the rendered content, or why there is none (recorded as `failed`). */
  compose(): Promise<Result<{ readonly to: string; readonly content: MessageContent }, string>>;
  /**
   * After the send core, whatever it answered (a send recorded before included, so a crash between
   * the send and this step is made good on the retry): what the producer does next, e.g. a sent
   * confirmation SMS opening its prompt. Given the meeting workflows of the invocation.
   */
  afterSend?(outcome: SendOutcome, workflow: MeetingWorkflow): Promise<void>;
  /** False for sends nobody retries (a test send): a provider outage fails it at once. */
  readonly deferrable?: boolean;
}

/** A producer's answer when there is nothing to send for a key. */
export interface NothingToSend {
  readonly skip: string;
}

/** Whether a producer found nothing to send. */
export function isNothingToSend(value: PendingSend | NothingToSend): value is NothingToSend {
  return 'skip' in value;
}
