import type { EventConsumer } from '../../ports/event-publisher';
import { FINAL_DELIVERY_STATUSES } from '../../ports/delivery-store';
import type { AppDeps } from '../deps';

export type ConsumerDeps = Pick<AppDeps, 'clock' | 'subscriptions' | 'deliveries'>;

/**
 * The webhook subscriptions as an event consumer: for each subscription that asked for the event's
 * type, one delivery row (subscription + event ID: recording it again finds the same row) and one
 * delivery orchestration (its instance ID derived from both: a second start is a no-op). An event
 * handed over twice — the sweep after a crash — therefore starts nothing new and sends nothing twice.
 */
export function webhookConsumer(deps: ConsumerDeps): EventConsumer {
  return {
    name: 'webhooks',
    // The list is read through a one-second cache (recentSubscriptions): a subscription made through
    // another instance misses at most the events of its first second.
    wants: async (type) => (await deps.subscriptions.list()).some((s) => s.events.includes(type)),
    async take(event, workflow) {
      const subscribers = (await deps.subscriptions.list()).filter((s) => s.events.includes(event.type));
      await Promise.all(subscribers.map(async (s) => {
        const delivery = await deps.deliveries.record({ eventId: event.id, subscriptionId: s.id, eventType: event.type, createdAt: deps.clock.now().toISOString() });
        if (!FINAL_DELIVERY_STATUSES.has(delivery.status)) await workflow.startDelivery({ eventId: event.id, subscriptionId: s.id });
      }));
    },
  };
}
