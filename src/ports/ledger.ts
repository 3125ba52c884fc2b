import type { Channel, CommunicationType } from '../domain';

export type LedgerStatus = 'claimed' | 'sent' | 'delivered' | 'failed';

/** One send: claimed before the provider is called, then sent, then delivered or failed. */
export interface LedgerEntry {
  readonly sendKey: string;
  readonly meetingId: string;
  readonly version: number;
  readonly type: CommunicationType;
  readonly channel: Channel;
  readonly status: LedgerStatus;
  /** When the send was first claimed: the provider's idempotency window starts here. */
  readonly firstSentAt: string;
  readonly plannedFor: string | null;
  readonly sentAt: string | null;
  readonly deliveredAt: string | null;
  readonly providerMessageId: string | null;
  readonly reason: string | null;
}

/**
 * The record of every send, keyed by send key. `claim` is an insert: exactly one caller wins a key,
 * so a retried or duplicated activity can never send twice.
 */
export interface Ledger {
  claim(entry: { sendKey: string; meetingId: string; version: number; type: CommunicationType; channel: Channel; plannedFor: string | null }, now: Date): Promise<{ claimed: boolean; entry: LedgerEntry }>;
  markSent(meetingId: string, sendKey: string, providerMessageId: string, now: Date): Promise<void>;
  markFailed(meetingId: string, sendKey: string, reason: string, now: Date): Promise<void>;
  /** Delivery reports may arrive twice or out of order: a later status never goes back. */
  markDelivered(meetingId: string, sendKey: string, outcome: { delivered: boolean; reason?: string }, now: Date): Promise<void>;
  listForMeeting(meetingId: string): Promise<LedgerEntry[]>;
}
