import type { PacingLane } from '../domain';

/** A slot request: which sender (`sms:+18005550100`), at what rate, in which lane. */
export interface SlotRequest {
  readonly sender: string;
  readonly perMinute: number;
  readonly lane: PacingLane;
  /** Reserve ahead: no slot before this (a send due a little later); default now. */
  readonly notBefore?: Date;
}

/**
 * The senders' pacers, shared by every orchestration and every app instance: each provider call
 * first reserves a slot at its sender's rate (API.md "Pacing and quiet hours").
 */
export interface SendPacer {
  /**
   * Reserves the next free slot of the sender: the instant (now or later) at which this send may
   * call the provider. Two callers never get the same slot.
   */
  reserve(request: SlotRequest, now: Date): Promise<Date>;
  /** A provider's 429 with Retry-After: the sender hands out no slot before `until`. */
  holdUntil(sender: string, until: Date): Promise<void>;
}
