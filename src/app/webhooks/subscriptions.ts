import { v4 as uuidv4 } from 'uuid';
import { DOMAIN_EVENT_TYPES, type DomainEventType } from '../../domain/events/domain-event';
import { fail, ok, type FieldError, type Result } from '../../domain/result';
import { hostOf, notificationUrlProblem, withoutQuery } from '../../domain/webhooks/notification-url';
import { signingSecret } from '../../domain/webhooks/retry-policy';
import type { CreateSubscriptionBody, CreatedSubscription, SubscriptionListItem } from '../../domain/webhooks/subscription-schema';
import type { AppDeps } from '../deps';

export type SubscriptionDeps = Pick<AppDeps, 'config' | 'clock' | 'subscriptions' | 'deliveries' | 'randomBytes' | 'log'>;

/** Random bytes of a signing key (Standard Webhooks asks for 24 to 64). */
const SECRET_BYTES = 32;
const DAY_MS = 86_400_000;
const isEventType = (name: string): name is DomainEventType => (DOMAIN_EVENT_TYPES as readonly string[]).includes(name);

/**
 * Creates a subscription (CreateSubscription): every event name known (`events[1]` names the one
 * that is not), the URL acceptable where the app runs (on Azure, https only). The secret is in the
 * answer and nowhere else the API shows.
 */
export async function createSubscription(deps: SubscriptionDeps, body: CreateSubscriptionBody, by: string): Promise<Result<CreatedSubscription>> {
  const errors: FieldError[] = [];
  body.events.forEach((name, i) => {
    if (!isEventType(name)) errors.push({ path: `events[${i}]`, message: `is not an event name (one of: ${DOMAIN_EVENT_TYPES.join(', ')})` });
  });
  const urlProblem = notificationUrlProblem(body.notificationUrl, deps.config.WEBSITE_SITE_NAME !== undefined);
  if (urlProblem) errors.push({ path: 'notificationUrl', message: urlProblem });
  if (errors.length > 0) return fail(...errors);
  const events = [...new Set(body.events.filter(isEventType))];
  const subscription = {
    id: uuidv4({ random: deps.randomBytes(16) }),
    notificationUrl: body.notificationUrl,
    events,
    ...(body.description !== undefined ? { description: body.description } : {}),
    secret: signingSecret(deps.randomBytes(SECRET_BYTES)),
    createdAt: deps.clock.now().toISOString(),
    createdBy: by,
  };
  await deps.subscriptions.create(subscription);
  deps.log.info(`subscription ${subscription.id} created by ${by}: ${events.join(', ')} to ${hostOf(body.notificationUrl)}`);
  const { createdBy: _by, ...created } = subscription;
  return ok(created);
}

/** Every subscription without its secret (nor its URL's query string), with how its deliveries went in the last 24 h. */
export async function listSubscriptions(deps: SubscriptionDeps): Promise<SubscriptionListItem[]> {
  const since = new Date(deps.clock.now().getTime() - DAY_MS);
  return Promise.all((await deps.subscriptions.list()).map(async (s): Promise<SubscriptionListItem> => {
    const health = await deps.deliveries.health(s.id, since);
    return {
      id: s.id,
      notificationUrl: withoutQuery(s.notificationUrl),
      events: [...s.events],
      ...(s.description !== undefined ? { description: s.description } : {}),
      createdAt: s.createdAt,
      ...(health.last ? { lastDelivery: health.last } : {}),
      failuresLast24h: health.failures,
    };
  }));
}

/** Deletes a subscription (its Location URL); false when there was none. Deliveries under way stop at their next attempt. */
export async function deleteSubscription(deps: SubscriptionDeps, id: string, by: string): Promise<boolean> {
  const deleted = await deps.subscriptions.delete(id);
  if (deleted) deps.log.info(`subscription ${id} deleted by ${by}`);
  return deleted;
}
