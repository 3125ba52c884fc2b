import type { DomainEvent } from '../domain/events/domain-event';

/**
 * Every domain event published, once per ID (the ID is derived from the event's cause). An event
 * stays `pending` until all its consumers have taken it; the sweep hands pending events to them again,
 * so an event stored just before a crash still reaches every subscriber.
 */
export interface EventLog {
  /** Stores the event unless its ID is there; answers whether it still waits for its consumers. */
  append(event: DomainEvent): Promise<{ readonly appended: boolean; readonly pending: boolean }>;
  get(eventId: string): Promise<DomainEvent | undefined>;
  /** Every consumer has taken it (the event as stored: its ID and first time). */
  markDispatched(event: Pick<DomainEvent, 'id' | 'time'>, at: Date): Promise<void>;
  /** Events published before `before` still waiting for their consumers, oldest first, at most `limit`. */
  pending(before: Date, limit: number): Promise<DomainEvent[]>;
}
