import type { Channel } from '../domain';
import type { About } from './dispatch';

export type LedgerStatus = 'claimed' | 'sent' | 'delivered' | 'failed';

/** One send: claimed before the provider is called, then sent, then delivered or failed. */
export interface LedgerEntry {
  readonly sendKey: string;
  readonly about: About;
  /** What kind of message (`confirmation`, `reminder`, `cancellation`, `test`, …). */
  readonly type: string;
  readonly channel: Channel;
  readonly status: LedgerStatus;
  /** When the send was first claimed: the provider's idempotency window starts here. */
  readonly firstSentAt: string;
  readonly plannedFor: string | null;
  readonly sentAt: string | null;
  readonly deliveredAt: string | null;
  readonly providerMessageId: string | null;
  readonly reason: string | null;
  /** Provider attempts that were deferred (unavailable, throttled) so far. */
  readonly attempts: number;
  /** While a deferred send waits (status `claimed`): when to try again. Null otherwise. */
  readonly retryAt: string | null;
}

/** What a claim records. */
export interface LedgerClaim {
  readonly sendKey: string;
  readonly about: About;
  readonly type: string;
  readonly channel: Channel;
  readonly plannedFor: string | null;
}

/**
 * The record of every send, keyed by what it is about and its send key. `claim` is an insert:
 * exactly one caller wins a key, so a retried or duplicated activity can never send twice.
 */
export interface Ledger {
  claim(entry: LedgerClaim, now: Date): Promise<{ claimed: boolean; entry: LedgerEntry }>;
  markSent(about: About, sendKey: string, providerMessageId: string, now: Date): Promise<void>;
  markFailed(about: About, sendKey: string, reason: string, now: Date): Promise<void>;
  /**
   * The provider could not take it now: counts the attempt and sets when to try again (a claimed entry
   * only). `counted: false` for a wait for the pacer's slot, which is not a failed attempt.
   */
  markDeferred(about: About, sendKey: string, deferral: { retryAt: string; reason: string; counted?: boolean }, now: Date): Promise<void>;
  /** Delivery reports may arrive twice or out of order: a later status never goes back. */
  markDelivered(about: About, sendKey: string, outcome: { delivered: boolean; reason?: string }, now: Date): Promise<void>;
  /** One entry, or undefined when the key was never claimed. */
  get(about: About, sendKey: string): Promise<LedgerEntry | undefined>;
  /** Every entry about one subject, oldest claim first. */
  list(about: About): Promise<LedgerEntry[]>;
}
