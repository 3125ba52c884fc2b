import type { DomainEvent, DomainEventDraft } from '../domain/events/domain-event';
import type { MeetingWorkflow } from './meeting-workflow';

/**
 * Where use cases publish what happened (DESIGN.md: "use cases publish once"). Publishing the same
 * cause again is harmless: the event keeps its ID and reaches each consumer once. Resolves once the
 * event is stored; its consumers (webhook subscriptions…) take it then, or from the sweep after a crash.
 */
export interface EventPublisher {
  /** Without a workflow client at hand (a caller with no durable binding), the event waits for the sweep. */
  publish(draft: DomainEventDraft, workflow: MeetingWorkflow | undefined): Promise<DomainEvent>;
}

/** One reader of the events (webhook subscriptions are one): idempotent, since an event may reach it twice. */
export interface EventConsumer {
  readonly name: string;
  /**
   * Whether it would do anything with an event of this type (a subscription asked for it). When every
   * consumer can say and none would, the event is not stored at all: most events of a busy day have no
   * subscriber, and storing them was most of the storage cost of a message.
   */
  wants?(type: DomainEvent['type']): Promise<boolean>;
  take(event: DomainEvent, workflow: MeetingWorkflow): Promise<void>;
}
