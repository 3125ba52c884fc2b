/**
 * The one door between the devhost's dev services (`devhost/dev-services/`) and the product. The
 * devhost loads the app in its own process, so a decorator installed here before the first send
 * wraps every channel sender the app builds. Nothing in the product calls `installSenderDecorator`:
 * on Azure the list stays empty and senders are used as built.
 */
import { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { DomainEvent, DomainEventDraft } from '../domain/events/domain-event';
import type { ChannelSender } from '../ports/dispatch';
import type { EventPublisher } from '../ports/event-publisher';
import { durableMeetingWorkflow } from './durable/meeting-workflow';
import type { MeetingWorkflow } from '../ports/meeting-workflow';
import type { OnlineMeetingsChoice, ProviderChoice } from './providers';

export type { ChannelSender, Dispatch } from '../ports/dispatch';
export type { MeetingWorkflow } from '../ports/meeting-workflow';
export type { OutboxInboundSms, OutboxMessage } from '../ports/outbox';
export { listOutbox, type OutboxListener } from './outbox/outbox-sender';
export { INBOUND_WHATSAPP, listInboundSms, recordInboundSms } from './outbox/outbox-inbound';
/** The event types the devhost posts to the events webhook, named as the product's parser names them. */
export { ACS_EVENT_TYPES } from './acs/event-grid-events';

/** Wraps the sender of one channel (for instance to simulate a crash right after the provider accepted). */
export type SenderDecorator = (channel: string, sender: ChannelSender) => ChannelSender;

const decorators: SenderDecorator[] = [];

/** Installs a decorator for every sender built from now on (the devhost calls this before loading the app). */
export function installSenderDecorator(decorator: SenderDecorator): void {
  decorators.push(decorator);
}

/** The sender with every installed decorator applied (the container calls this once per channel). */
export function decorateSender(channel: string, sender: ChannelSender): ChannelSender {
  return decorators.reduce((wrapped, decorate) => decorate(channel, wrapped), sender);
}

/** Error logs mask deep-link tokens in request paths the way the product's own logs do. */
export { maskLinkTokens } from '../domain/links/link-route';

/**
 * The provider of a channel that has none configured. Unset in the product: such a channel has no
 * provider (sends are deferred, then failed, and /api/health says which settings are missing). The
 * devhost installs the local outbox here, so locally every channel works without an account.
 */
let fallback: ((channel: string) => ProviderChoice) | undefined;

/** Installs the provider for unconfigured channels (the devhost calls this before loading the app). */
export function installFallbackProvider(choose: (channel: string) => ProviderChoice): void {
  fallback = choose;
}

/** The installed fallback provider of `channel`, or undefined (the product, on Azure). */
export function fallbackProvider(channel: string): ProviderChoice | undefined {
  return fallback?.(channel);
}

export { LOCAL_SENDERS, outboxProvider } from './outbox/outbox-provider';

/** The provider of Teams meetings without Graph settings: unset in the product, the local stand-in on the devhost. */
let onlineFallback: (() => OnlineMeetingsChoice) | undefined;

/** Installs the Teams meetings provider used without Graph settings (the devhost calls this before loading the app). */
export function installFallbackOnlineMeetings(choose: () => OnlineMeetingsChoice): void {
  onlineFallback = choose;
}

/** The installed fallback for Teams meetings, or undefined (the product, on Azure). */
export function fallbackOnlineMeetings(): OnlineMeetingsChoice | undefined {
  return onlineFallback?.();
}

export { localOnlineMeetingsProvider } from './outbox/outbox-online-meetings-provider';
export { listOnlineMeetings, type LocalOnlineMeeting } from './outbox/outbox-online-meetings';

/** Wraps the meeting workflow of an invocation (for instance to simulate a crash before an orchestration starts). */
export type WorkflowDecorator = (workflow: MeetingWorkflow) => MeetingWorkflow;

const workflowDecorators: WorkflowDecorator[] = [];

/** Installs a decorator for every meeting workflow the app builds from now on. */
export function installWorkflowDecorator(decorator: WorkflowDecorator): void {
  workflowDecorators.push(decorator);
}

/** The workflow with every installed decorator applied (the wiring calls this per invocation). */
export function decorateWorkflow(workflow: MeetingWorkflow): MeetingWorkflow {
  return workflowDecorators.reduce((wrapped, decorate) => decorate(wrapped), workflow);
}

/** The devhost's dev token endpoint answers bad requests in the product's field-error format. */
export { parseWith } from '../domain/zod-errors';

/** The key `system-clock.ts` reads: while set, the app's clock is the devhost's virtual clock. */
export const DEVHOST_CLOCK = Symbol.for('meeting-communications.devhost.now');

/** Makes the app's system clock follow `now` (the devhost calls this before loading the app). */
export function followDevhostClock(now: () => Date): void {
  (globalThis as Record<symbol, unknown>)[DEVHOST_CLOCK] = now;
}

/**
 * The app's event publisher, for the devhost's `/dev/events` route (test events published through
 * the app's own consumers). The container registers a getter at load; nothing reads it on Azure.
 */
let sharedEvents: (() => EventPublisher) | undefined;

/** Registers where the app's publisher is (the container calls this once, at load). */
export function shareEventPublisher(publisher: () => EventPublisher): void {
  sharedEvents = publisher;
}

export { DOMAIN_EVENT_TYPES, parseEventData, subjectOf, type DomainEvent, type DomainEventDraft } from '../domain/events/domain-event';

/**
 * Publishes `draft` through the app's publisher, with a workflow over the devhost's durable client
 * (`clientData`: what the durableClient binding would carry), as a use case inside an invocation would.
 */
export async function publishDevEvent(draft: DomainEventDraft, clientData: Record<string, unknown>): Promise<DomainEvent> {
  if (!sharedEvents) throw new Error('The app has not registered its event publisher.');
  const binding = df.input.durableClient();
  const context = new InvocationContext({ functionName: 'DevEvents', options: { extraInputs: [binding] } });
  context.extraInputs.set(binding, clientData);
  return sharedEvents().publish(draft, decorateWorkflow(durableMeetingWorkflow(df.getClient(context))));
}

/** The local voice channel's calls, for the devhost's /dev/calls (it answers them with genuine callbacks). */
export { getLocalCall, listLocalCalls, onLocalCallAction, type LocalCall, type LocalCallAction } from './outbox/local-calls';
/** Call Automation's callback type names, as the product's parser reads them. */
export { CALL_EVENT_TYPES } from './acs/acs-call-events';
