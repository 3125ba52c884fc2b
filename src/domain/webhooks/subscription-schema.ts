import { z } from 'zod';
import { DOMAIN_EVENT_TYPES } from '../events/domain-event';

/**
 * A webhook subscription (API.md "Webhooks for flows"): where to POST which events. Power Automate
 * creates one per trigger (POST /api/subscriptions) and deletes it through the `Location` it was given.
 * Whether a URL is acceptable beyond its shape (https, or http to loopback on the devhost) is the
 * handler's check, since it depends on where the app runs.
 */
export const MAX_SUBSCRIPTION_EVENTS = DOMAIN_EVENT_TYPES.length;

export const createSubscriptionSchema = z.strictObject({
  notificationUrl: z.url().max(2048).describe('Where each event is POSTed: https (http only to loopback on the devhost). Power Automate fills this in.'),
  events: z.array(z.string().min(1).max(100)).min(1).max(MAX_SUBSCRIPTION_EVENTS).describe('Event names, e.g. meeting.confirmed, communication.failed.'),
  description: z.string().max(200).optional().describe('What the subscription is for (shown to admins).'),
});
export type CreateSubscriptionBody = z.infer<typeof createSubscriptionSchema>;

/** A subscription as listed: never its secret. */
export const subscriptionViewSchema = z.strictObject({
  id: z.string().describe('The subscription ID.'),
  notificationUrl: z.string().describe('Where events are POSTed.'),
  events: z.array(z.enum(DOMAIN_EVENT_TYPES)).describe('The events it receives.'),
  description: z.string().optional().describe('What it is for.'),
  createdAt: z.string().describe('When it was created (ISO 8601).'),
});
export type SubscriptionView = z.infer<typeof subscriptionViewSchema>;

/** What POST answers, once: the secret the subscriber verifies signatures with (Standard Webhooks, `whsec_…`). */
export const createdSubscriptionSchema = subscriptionViewSchema.extend({
  secret: z.string().describe('The signing secret (whsec_…): shown only now. Verify webhook-signature with it.'),
});
export type CreatedSubscription = z.infer<typeof createdSubscriptionSchema>;

/** How a subscription's deliveries went lately (the admin page's columns). */
export const deliveryHealthSchema = z.strictObject({
  lastDelivery: z.strictObject({
    status: z.enum(['pending', 'retrying', 'delivered', 'failed', 'gone']).describe('What became of the newest delivery.'),
    at: z.string().describe('When it was last attempted or created (ISO 8601).'),
    httpStatus: z.number().int().optional().describe('The receiver\'s last HTTP status (0: no answer in time).'),
  }).optional().describe('The newest delivery, when there has been one.'),
  failuresLast24h: z.number().int().min(0).describe('Deliveries of the last 24 hours whose latest attempt failed (retrying or given up).'),
});

/** A subscription as GET /api/subscriptions lists it: the view (query string of the URL left out) and its delivery health. */
export const subscriptionListItemSchema = subscriptionViewSchema.extend(deliveryHealthSchema.shape);
export type SubscriptionListItem = z.infer<typeof subscriptionListItemSchema>;
