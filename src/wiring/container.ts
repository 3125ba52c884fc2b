import { randomBytes } from 'node:crypto';
import { getConfig, type Config } from '../config';
import { defaultTemplateSource } from '../adapters/templates/default-template-source';
import { eventsTokenVerifierFromConfig, tokenVerifierFromConfig } from '../adapters/jose/token-verifier';
import { decorateSender, shareEventPublisher } from '../adapters/devhost-hooks';
import { onlineMeetingsFor, providersFor, type ProviderChoice } from '../adapters/providers';
import { OverrideTemplateSource } from '../adapters/templates/override-template-source';
import { systemClock } from '../adapters/system-clock';
import { TableLedger } from '../adapters/tables/table-ledger';
import { TableLinkTokenStore } from '../adapters/tables/table-link-token-store';
import { TableMeetingStore } from '../adapters/tables/table-meeting-store';
import { TableOptOutStore } from '../adapters/tables/table-opt-out-store';
import { TablePromptStore } from '../adapters/tables/table-prompt-store';
import { TableReplyStore } from '../adapters/tables/table-reply-store';
import { TableMessageIndex } from '../adapters/tables/table-message-index';
import { TableProcessedEvents } from '../adapters/tables/table-processed-events';
import { acsEventParser } from '../adapters/acs/event-grid-events';
import { TableSendPacer } from '../adapters/tables/table-send-pacer';
import { TableLineLimiter } from '../adapters/tables/table-line-limiter';
import { TableSettingsStore } from '../adapters/tables/table-settings-store';
import { TableTemplateStore } from '../adapters/tables/table-template-store';
import { TableEventLog } from '../adapters/tables/table-event-log';
import { recentSettings, recentSubscriptions, recentTemplates } from '../adapters/caching/cached-stores';
import { eventPublisher } from '../app/events/publisher';
import { webhookConsumer, type ConsumerDeps } from '../app/webhooks/webhook-consumer';
import { TableDeliveryStore } from '../adapters/tables/table-delivery-store';
import { TableSubscriptionStore } from '../adapters/tables/table-subscription-store';
import { HttpWebhookSender } from '../adapters/webhooks/http-webhook-sender';
import type { EventConsumer } from '../ports/event-publisher';
import type { AdapterLogger } from '../adapters/acs/acs-common';
import type { Channel } from '../domain';
import { whatsAppStores } from './whatsapp-stores';
import type { AppDeps, Log, Senders } from '../app/deps';
import { TableCallStore } from '../adapters/tables/table-call-store';
import { parseCallEvents } from '../adapters/acs/acs-call-events';
import { NO_CALLS } from '../adapters/voice-provider';
import type { CallControl, VoiceCaller } from '../ports/calls';

const consoleLog: Log = { info: (m) => console.log(m), warn: (m) => console.warn(m) };

/** Adapters log IDs as fields; ours prints them on one line. */
const adapterLogger = (log: Log): AdapterLogger => {
  const line = (message: string, fields: Record<string, string | number>): string => `${message} ${Object.entries(fields).map(([k, v]) => `${k}=${v}`).join(' ')}`;
  return { info: (m, f) => log.info(line(m, f)), warn: (m, f) => log.warn(line(m, f)) };
};

/** One sender per channel, from the providers chosen once (see providersFor); the devhost may decorate them. */
function senders(config: Config, log: Log): Senders {
  const env = { config, clock: systemClock, logger: adapterLogger(log) };
  const chosen = Object.entries(providersFor(config)) as Array<[Channel, ProviderChoice]>;
  return Object.fromEntries(chosen.map(([channel, choice]) => [channel, decorateSender(channel, choice.create(env))])) as Senders;
}

/** The voice provider's mid-call actions: the same provider as the voice sender (Call Automation, or the local calls). */
function callControl(config: Config, log: Log): CallControl & VoiceCaller {
  const env = { config, clock: systemClock, logger: adapterLogger(log) };
  return providersFor(config).voice.calls?.(env) ?? NO_CALLS;
}

/** Who reads the domain events: webhook subscriptions (Power Automate triggers). */
function eventConsumers(deps: ConsumerDeps): EventConsumer[] {
  return [webhookConsumer(deps)];
}

/** Builds the app's dependencies from configuration. */
export function buildDeps(config: Config, log: Log = consoleLog): AppDeps {
  const storage = config.AzureWebJobsStorage;
  // Read on every plan, send and event: reused for a second per instance (see RECENT_MS).
  const templateStore = recentTemplates(new TableTemplateStore(storage));
  const skipped = (error: Error): void => log.warn(`${error.message}: skipped`);
  const eventLog = new TableEventLog(storage, skipped);
  const subscriptions = recentSubscriptions(new TableSubscriptionStore(storage, skipped));
  const deliveries = new TableDeliveryStore(storage, skipped);
  const consumers = eventConsumers({ clock: systemClock, subscriptions, deliveries });
  return {
    config,
    clock: systemClock,
    meetings: new TableMeetingStore(storage),
    settings: recentSettings(new TableSettingsStore(storage)),
    ledger: new TableLedger(storage, (error) => log.warn(`${error.message}: skipped`)),
    linkTokens: new TableLinkTokenStore(storage),
    optOuts: new TableOptOutStore(storage),
    replies: new TableReplyStore(storage),
    prompts: new TablePromptStore(storage),
    templates: new OverrideTemplateSource(templateStore, log),
    defaultTemplates: defaultTemplateSource,
    templateStore,
    tokens: tokenVerifierFromConfig(config, systemClock),
    eventsTokens: eventsTokenVerifierFromConfig(config, systemClock),
    inbound: acsEventParser,
    messageIndex: new TableMessageIndex(storage),
    processedEvents: new TableProcessedEvents(storage),
    eventLog,
    events: eventPublisher({ eventLog, consumers, clock: systemClock, log }),
    eventConsumers: consumers,
    subscriptions,
    deliveries,
    webhooks: new HttpWebhookSender(),
    randomBytes: (size) => new Uint8Array(randomBytes(size)),
    log,
    senders: senders(config, log),
    onlineMeetings: onlineMeetingsFor(config).create({ config, clock: systemClock, logger: adapterLogger(log) }),
    calls: new TableCallStore(storage),
    callControl: callControl(config, log),
    callEvents: parseCallEvents,
    pacer: new TableSendPacer(storage),
    lines: new TableLineLimiter(storage),
    ...whatsAppStores(storage),
  };
}

let deps: AppDeps | undefined;

// The devhost's /dev/events route publishes through the app's own publisher (inert on Azure).
shareEventPublisher(() => appDeps().events);

/** The process's dependencies, built on first use (configuration is read then, not at import). */
export function appDeps(): AppDeps {
  deps ??= buildDeps(getConfig());
  return deps;
}
