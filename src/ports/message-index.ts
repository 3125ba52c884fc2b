import type { About } from './dispatch';

/** Which send a provider message ID belongs to: the ledger row's coordinates. */
export interface SentMessageRef {
  readonly about: About;
  readonly sendKey: string;
}

/**
 * Provider message ID → the send it came from. Delivery reports name only the provider's ID (an email
 * report carries no tag of ours), so the send core records the pair as soon as the provider accepted a
 * message, before the ledger marks it sent: a report that overtakes the "sent" record still finds its row.
 */
export interface MessageIndex {
  /** Idempotent: recording the same pair again is a no-op. */
  record(providerMessageId: string, ref: SentMessageRef): Promise<void>;
  find(providerMessageId: string): Promise<SentMessageRef | undefined>;
}
