import { z } from 'zod';
import { EVENT_DATA_SCHEMAS, type DomainEventFamily } from '../../src/domain/events/domain-event';
import { createdSubscriptionSchema, createSubscriptionSchema, deliveryHealthSchema, subscriptionListItemSchema } from '../../src/domain/webhooks/subscription-schema';
import type { Definition } from './definitions';
import {
  CREATED_SUBSCRIPTION_SUMMARIES, EVENT_DATA_SUMMARIES, SUBSCRIPTION_LIST_SUMMARIES, SUBSCRIPTION_REQUEST_SUMMARIES, describedTexts, envelopeTexts,
} from './texts-events';
import { CLOUD_EVENT_SCHEMAS, TRIGGERS, eventDefinitionName } from './triggers';

/** 200 of ListSubscriptions: `{ subscriptions: [...] }`, like ListReplies' `{ replies: [...] }`. */
export const subscriptionListSchema = z.object({ subscriptions: z.array(subscriptionListItemSchema) });

/** A listed subscription's texts, its newest delivery's fields included. */
function listItemTexts() {
  const fields = describedTexts(subscriptionListItemSchema, SUBSCRIPTION_LIST_SUMMARIES, 'SubscriptionList.subscriptions');
  const lastDelivery = describedTexts(deliveryHealthSchema.shape.lastDelivery.unwrap(), { status: 'Delivery status', at: 'Attempted at', httpStatus: 'HTTP status' }, 'SubscriptionList.subscriptions.lastDelivery');
  return { ...fields, ...(fields.lastDelivery ? { lastDelivery: { ...fields.lastDelivery, fields: lastDelivery } } : {}) };
}

function eventDefinition(family: DomainEventFamily, notification: string): Definition {
  return {
    schema: CLOUD_EVENT_SCHEMAS[family], io: 'output',
    texts: envelopeTexts(describedTexts(EVENT_DATA_SCHEMAS[family], EVENT_DATA_SUMMARIES[family], `${eventDefinitionName(family)}.data`)),
    title: notification, description: `What a ${family}.* event delivers (CloudEvents 1.0): the event's name and time, and its data.`,
  };
}

/**
 * The definitions of webhook subscriptions and of the notifications the triggers receive, all
 * generated from the domain's zod schemas; their field descriptions are the schemas' `.describe` texts.
 */
export const SUBSCRIPTION_DEFINITIONS: Readonly<Record<string, Definition>> = {
  CreateSubscriptionRequest: {
    schema: createSubscriptionSchema, io: 'input', texts: describedTexts(createSubscriptionSchema, SUBSCRIPTION_REQUEST_SUMMARIES, 'CreateSubscriptionRequest'),
    title: 'Subscription', description: 'Where to POST which events.',
  },
  CreatedSubscription: {
    schema: createdSubscriptionSchema, io: 'output', texts: describedTexts(createdSubscriptionSchema, CREATED_SUBSCRIPTION_SUMMARIES, 'CreatedSubscription'),
    title: 'Subscription created', description: 'The new subscription, with its signing secret (shown only this once).',
  },
  SubscriptionList: {
    schema: subscriptionListSchema, io: 'output',
    texts: { subscriptions: { summary: 'Subscriptions', description: 'Every subscription, without secrets.', fields: listItemTexts() } },
    title: 'Subscriptions', description: 'The webhook subscriptions (one per flow trigger in use).',
  },
  ...Object.fromEntries(TRIGGERS.map((t) => [eventDefinitionName(t.family), eventDefinition(t.family, t.notification)])),
};
