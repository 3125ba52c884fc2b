import { cloudEvent } from '../../domain/events/domain-event';
import { nextAttemptAt } from '../../domain/webhooks/retry-policy';
import { FINAL_DELIVERY_STATUSES, type Delivery, type DeliveryStatus } from '../../ports/delivery-store';
import type { AppDeps } from '../deps';
import type { KeyedLimiter } from './keyed-limiter';

export type DeliveryDeps = Pick<AppDeps, 'config' | 'clock' | 'subscriptions' | 'deliveries' | 'eventLog' | 'webhooks' | 'log'>;

/** Which delivery: one event for one subscription. */
export interface DeliveryRef { readonly eventId: string; readonly subscriptionId: string }

/** What the delivery orchestration does next: wait and call again, or stop. */
export type DeliveryStep = { readonly kind: 'retry'; readonly at: string } | { readonly kind: 'done'; readonly status: DeliveryStatus };

/** CloudEvents `source` of every event: this deployment's API (PUBLIC_BASE_URL + /api). */
export const eventSource = (config: DeliveryDeps['config']): string => `${config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/api`;

const done = (status: DeliveryStatus): DeliveryStep => ({ kind: 'done', status });

/**
 * One attempt of one delivery (the delivery activity). The stored row decides first: a delivery
 * already delivered, failed or gone is not sent again, so a re-run of the activity (at least once)
 * does not POST twice. 2xx → delivered; 410 → the subscription is deleted; anything else or no answer
 * → retried (30 s doubling to 1 h) until 24 h after the first attempt, then failed. The URL and the
 * secret are never logged: IDs and statuses only.
 */
export async function deliverWebhook(deps: DeliveryDeps, limiter: KeyedLimiter, ref: DeliveryRef): Promise<DeliveryStep> {
  const stored = await deps.deliveries.get(ref.subscriptionId, ref.eventId);
  if (stored && FINAL_DELIVERY_STATUSES.has(stored.status)) return done(stored.status);
  const [subscription, event] = await Promise.all([deps.subscriptions.get(ref.subscriptionId), deps.eventLog.get(ref.eventId)]);
  const label = `webhook ${ref.eventId} to subscription ${ref.subscriptionId}`;
  if (!event) {
    deps.log.warn(`${label}: the event is not in the event log; not delivered`);
    if (stored) await deps.deliveries.update({ ...stored, status: 'failed' });
    return done('failed');
  }
  const delivery = stored ?? await deps.deliveries.record({ ...ref, eventType: event.type, createdAt: deps.clock.now().toISOString() });
  if (!subscription) {
    await deps.deliveries.update({ ...delivery, status: 'gone' });
    return done('gone');
  }
  const body = JSON.stringify(cloudEvent(event, eventSource(deps.config)));
  const answer = await limiter.run(subscription.id, () => deps.webhooks.send({ url: subscription.notificationUrl, secret: subscription.secret, webhookId: event.id, body }));
  const now = deps.clock.now();
  const httpStatus = answer.kind === 'answered' ? answer.status : 0;
  const { nextAttemptAt: _previous, ...rest } = delivery;
  const attempted: Delivery = { ...rest, attempts: delivery.attempts + 1, firstAttemptAt: delivery.firstAttemptAt ?? now.toISOString(), lastAttemptAt: now.toISOString(), lastHttpStatus: httpStatus };
  const outcome = answer.kind === 'answered' ? `HTTP ${answer.status}` : `no answer (${answer.reason})`;
  if (httpStatus >= 200 && httpStatus < 300) {
    await deps.deliveries.update({ ...attempted, status: 'delivered' });
    deps.log.info(`${label}: delivered (attempt ${attempted.attempts})`);
    return done('delivered');
  }
  if (httpStatus === 410) {
    // The receiver says it is gone for good (a deleted flow): no more events for it.
    await deps.subscriptions.delete(subscription.id);
    await deps.deliveries.update({ ...attempted, status: 'gone' });
    deps.log.warn(`${label}: HTTP 410, the subscription is deleted`);
    return done('gone');
  }
  const next = nextAttemptAt(new Date(attempted.firstAttemptAt ?? now), attempted.attempts, now);
  if (!next) {
    await deps.deliveries.update({ ...attempted, status: 'failed' });
    deps.log.warn(`${label}: ${outcome} at attempt ${attempted.attempts}; failed after 24 h of retries`);
    return done('failed');
  }
  await deps.deliveries.update({ ...attempted, status: 'retrying', nextAttemptAt: next.toISOString() });
  deps.log.warn(`${label}: ${outcome} at attempt ${attempted.attempts}; retry at ${next.toISOString()}`);
  return { kind: 'retry', at: next.toISOString() };
}
