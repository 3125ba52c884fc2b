import { domainEvent } from '../../domain/events/domain-event';
import type { DomainEvent } from '../../domain/events/domain-event';
import type { Clock } from '../../ports/clock';
import type { EventLog } from '../../ports/event-log';
import type { EventConsumer, EventPublisher } from '../../ports/event-publisher';
import type { MeetingWorkflow } from '../../ports/meeting-workflow';
import type { Log } from '../deps';

/**
 * How long an event may wait for its consumers before the sweep takes it: publishing hands it over at
 * once, so one still pending after this was left by a crash or a consumer's failure.
 */
export const SWEEP_AFTER_MS = 60_000;
const SWEEP_PAGE = 200;

interface PublisherParts {
  readonly eventLog: EventLog;
  readonly consumers: readonly EventConsumer[];
  readonly clock: Clock;
  readonly log: Log;
}

/**
 * Hands an event to every consumer, then marks it dispatched. A consumer that fails leaves it
 * pending (the sweep tries again); it never fails the use case that published it, which has stored it.
 */
async function dispatch(parts: PublisherParts, event: DomainEvent, workflow: MeetingWorkflow): Promise<boolean> {
  let all = true;
  for (const consumer of parts.consumers) {
    try {
      await consumer.take(event, workflow);
    } catch (error) {
      all = false;
      parts.log.warn(`event ${event.id} (${event.type}): ${consumer.name} did not take it (${error instanceof Error ? error.message : 'error'}); the sweep retries`);
    }
  }
  if (all) await parts.eventLog.markDispatched(event, parts.clock.now());
  return all;
}

/** False only when every consumer can tell and none wants the event's type (then it is not stored). */
async function anyoneWants(consumers: readonly EventConsumer[], event: DomainEvent): Promise<boolean> {
  if (consumers.length === 0 || consumers.some((c) => c.wants === undefined)) return true;
  const answers = await Promise.all(consumers.map((c) => (c.wants as NonNullable<EventConsumer['wants']>)(event.type)));
  return answers.some(Boolean);
}

/** The publisher over an event log and its consumers (wired in the composition root). */
export function eventPublisher(parts: PublisherParts): EventPublisher {
  return {
    async publish(draft, workflow) {
      const event = domainEvent(draft, parts.clock.now());
      if (!(await anyoneWants(parts.consumers, event))) return event;
      const { appended, pending } = await parts.eventLog.append(event);
      if (appended) parts.log.info(`event ${event.id}: ${event.type} ${event.subject}`);
      if (!pending || !workflow) return event;
      // A repeat hands over the event as first stored (its time), which only a read can give.
      await dispatch(parts, appended ? event : ((await parts.eventLog.get(event.id)) ?? event), workflow);
      return event;
    },
  };
}

/**
 * The sweep (the reconcile timer runs it): events still pending a while after they were published go
 * to their consumers again. Consumers are idempotent, so an event taken just before a crash is not doubled.
 */
export async function sweepEvents(parts: PublisherParts, workflow: MeetingWorkflow): Promise<{ readonly dispatched: number; readonly left: number }> {
  const before = new Date(parts.clock.now().getTime() - SWEEP_AFTER_MS);
  let dispatched = 0;
  let left = 0;
  for (const event of await parts.eventLog.pending(before, SWEEP_PAGE)) {
    if (await dispatch(parts, event, workflow)) dispatched++;
    else left++;
  }
  if (dispatched + left > 0) parts.log.warn(`events: ${dispatched} pending event(s) dispatched by the sweep, ${left} still pending`);
  return { dispatched, left };
}
