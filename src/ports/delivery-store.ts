import type { DomainEventType } from '../domain/events/domain-event';

/**
 * A delivery's state: `pending` (not attempted yet), `retrying` (an attempt failed, another is due),
 * then one of `delivered` (a 2xx), `failed` (24 h of failures), `gone` (the subscription was deleted,
 * by an admin or by the receiver's 410).
 */
export type DeliveryStatus = 'pending' | 'retrying' | 'delivered' | 'failed' | 'gone';
export const FINAL_DELIVERY_STATUSES: ReadonlySet<DeliveryStatus> = new Set(['delivered', 'failed', 'gone']);

/** One event for one subscription: at most one row per pair, whatever the number of attempts. */
export interface Delivery {
  readonly eventId: string;
  readonly subscriptionId: string;
  readonly eventType: DomainEventType;
  readonly status: DeliveryStatus;
  readonly createdAt: string;
  readonly attempts: number;
  readonly firstAttemptAt?: string;
  readonly lastAttemptAt?: string;
  /** The receiver's status at the last attempt; 0 when it did not answer in time. */
  readonly lastHttpStatus?: number;
  readonly nextAttemptAt?: string;
}

/** What the admin page shows of a subscription's deliveries. */
export interface DeliveryHealth {
  readonly last?: { readonly status: DeliveryStatus; readonly at: string; readonly httpStatus?: number };
  /** Deliveries changed since `since` whose latest attempt failed (retrying or failed). */
  readonly failures: number;
}

/** The Deliveries table: keyed by subscription and event ID. */
export interface DeliveryStore {
  /** Records a new delivery unless the pair has one; answers the stored row either way. */
  record(delivery: Pick<Delivery, 'eventId' | 'subscriptionId' | 'eventType' | 'createdAt'>): Promise<Delivery>;
  get(subscriptionId: string, eventId: string): Promise<Delivery | undefined>;
  /** Replaces the row's state (one writer per pair: its orchestration's activity). */
  update(delivery: Delivery): Promise<void>;
  health(subscriptionId: string, since: Date): Promise<DeliveryHealth>;
}
