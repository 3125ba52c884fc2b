import type { Channel } from '../domain';
import type { Config } from '../config';
import type { Clock } from '../ports/clock';
import type { ChannelSender } from '../ports/dispatch';
import type { InboundEventParser } from '../ports/inbound';
import type { EventLog } from '../ports/event-log';
import type { EventConsumer, EventPublisher } from '../ports/event-publisher';
import type { DeliveryStore } from '../ports/delivery-store';
import type { SubscriptionStore } from '../ports/subscription-store';
import type { WebhookSender } from '../ports/webhook-sender';
import type { Ledger } from '../ports/ledger';
import type { OnlineMeetings } from '../ports/online-meetings';
import type { LinkTokenStore } from '../ports/link-token-store';
import type { MeetingStore } from '../ports/meeting-store';
import type { OptOutStore } from '../ports/opt-out-store';
import type { ReplyStore } from '../ports/reply-store';
import type { PromptStore } from '../ports/prompt-store';
import type { CallControl, CallEventParser, CallStore, VoiceCaller } from '../ports/calls';
import type { MessageIndex } from '../ports/message-index';
import type { ProcessedEvents } from '../ports/processed-events';
import type { SendPacer } from '../ports/send-pacer';
import type { LineLimiter } from '../ports/line-limiter';
import type { SettingsStore } from '../ports/settings-store';
import type { TemplateSource } from '../ports/template-source';
import type { TemplateStore } from '../ports/template-store';
import type { TokenVerifier } from '../ports/token-verifier';
import type { WhatsAppDeps } from './deflections/deflection-deps';

/** Logs IDs only: never addresses, phone numbers, tokens or message bodies. */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
}

/** One sender per registered channel, its provider chosen once from the configuration. */
export type Senders = Readonly<Record<Channel, ChannelSender>>;

/**
 * Everything the use cases and activities may need, built once per process (see container.ts).
 * Each use case declares the slice it uses (`Pick<AppDeps, …>`), so its tests build only that.
 */
export interface AppDeps extends WhatsAppDeps {
  readonly config: Config;
  readonly clock: Clock;
  readonly meetings: MeetingStore;
  readonly settings: SettingsStore;
  readonly ledger: Ledger;
  readonly linkTokens: LinkTokenStore;
  /** Numbers that replied STOP (or asked an admin): no SMS of any kind goes to them. */
  readonly optOuts: OptOutStore;
  /** Customers' replies no prompt or keyword answered, kept for staff. */
  readonly replies: ReplyStore;
  /** Open questions SMS asked (replies on) and how they ended; replies per meeting. */
  readonly prompts: PromptStore;
  readonly senders: Senders;
  /** Teams meetings for `online.createTeamsMeeting` (Graph, or the devhost's local stand-in). */
  readonly onlineMeetings: OnlineMeetings;
  /** Reminder calls: each call's state, its callbacks (deduplicated), the connection index. */
  readonly calls: CallStore;
  /** The voice provider's mid-call actions (and its dialler, for a retry after busy / no answer). */
  readonly callControl: CallControl & VoiceCaller;
  /** Call Automation's callback parser (CloudEvents → CallEvent). */
  readonly callEvents: CallEventParser;
  /** Each sender's slots at its SEND_RATES rate, shared by every instance: asked before every provider call. */
  readonly pacer: SendPacer;
  /** Each caller number's lines (concurrent calls at SEND_RATES' voice limit), shared by every instance: leased before every dial. */
  readonly lines: LineLimiter;
  /** The templates in force (admin overrides, else the shipped defaults): what messages use. */
  readonly templates: TemplateSource;
  /** The shipped defaults only (what a reset goes back to). */
  readonly defaultTemplates: TemplateSource;
  /** Admin overrides and their versions. */
  readonly templateStore: TemplateStore;
  readonly tokens: TokenVerifier;
  /** Event Grid's bearer tokens on the events webhook (EVENTS_AUDIENCE); refuses all when not configured. */
  readonly eventsTokens: TokenVerifier;
  /** The ACS webhook's payload parser (Event Grid and CloudEvents bodies → InboundEvent). */
  readonly inbound: InboundEventParser;
  /** Provider message ID → the send it came from, for delivery reports that carry no send key. */
  readonly messageIndex: MessageIndex;
  /** Inbound event IDs already handled (deliveries come at least once). */
  readonly processedEvents: ProcessedEvents;
  /** Where use cases publish what happened (meeting confirmed, message failed…); webhooks consume it. */
  readonly events: EventPublisher;
  /** The stored events, for the sweep that hands pending ones to their consumers again. */
  readonly eventLog: EventLog;
  /** Who takes each event (webhooks): the publisher's consumers, which the sweep hands pending events to. */
  readonly eventConsumers: readonly EventConsumer[];
  /** Webhook subscriptions (Power Automate triggers), with their signing secrets. */
  readonly subscriptions: SubscriptionStore;
  /** One row per event × subscription: how its delivery went. */
  readonly deliveries: DeliveryStore;
  /** Signed POSTs to subscribers. */
  readonly webhooks: WebhookSender;
  readonly randomBytes: (size: number) => Uint8Array;
  readonly log: Log;
}
