import type { DomainEventType } from '../domain/events/domain-event';

/**
 * A webhook subscription as stored. The secret is kept as given (it signs every delivery, so it
 * cannot be hashed); it is returned once at creation and never listed or logged.
 */
export interface StoredSubscription {
  readonly id: string;
  readonly notificationUrl: string;
  readonly events: readonly DomainEventType[];
  readonly description?: string;
  readonly secret: string;
  readonly createdAt: string;
  /** Who created it (the admin's subject, or "api-key"). */
  readonly createdBy: string;
}

/** Webhook subscriptions (Power Automate triggers and other receivers). */
export interface SubscriptionStore {
  /** Stores a new subscription (its ID is random: a clash is an error). */
  create(subscription: StoredSubscription): Promise<void>;
  get(id: string): Promise<StoredSubscription | undefined>;
  /** Every subscription, oldest first. */
  list(): Promise<StoredSubscription[]>;
  /** Removes it; true when it was there. */
  delete(id: string): Promise<boolean>;
}
