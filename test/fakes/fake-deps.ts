import { defaultTemplateSource } from '../../src/adapters/templates/default-template-source';
import type { AppDeps } from '../../src/app/deps';
import { CHANNELS, type Channel } from '../../src/domain';
import { parseConfig } from '../../src/config';
import { acsEventParser } from '../../src/adapters/acs/event-grid-events';
import { eventPublisher } from '../../src/app/events/publisher';
import { FakeClock } from './fake-clock';
import { FakeEventLog } from './fake-event-log';
import { FakeLedger } from './fake-ledger';
import { FakeLinkTokenStore } from './fake-link-token-store';
import { FakeMeetingStore } from './fake-meeting-store';
import { FakeOptOutStore } from './fake-opt-out-store';
import { FakeReplyStore } from './fake-reply-store';
import { FakePromptStore } from './fake-prompt-store';
import { FakeMessageIndex } from './fake-message-index';
import { FakeProcessedEvents } from './fake-processed-events';
import { FakeSendPacer } from './fake-send-pacer';
import { FakeLineLimiter } from './fake-line-limiter';
import { FakeSettingsStore } from './fake-settings-store';
import { FakeTemplateStore } from './fake-template-store';
import { FakeTokenVerifier } from './fake-token-verifier';
import { FakeDeliveryStore } from './fake-delivery-store';
import { FakeSubscriptionStore } from './fake-subscription-store';
import { ScriptedWebhookSender } from './scripted-webhook-sender';
import { RecordingLog } from './recording-log';
import { ScriptedSender } from './scripted-sender';
import { FakeOnlineMeetings } from './fake-online-meetings';
import { FakeConversationWindows, FakeDeflectionStore, FakeTicketStore } from './fake-whatsapp-stores';
import { FakeCallStore } from './fake-call-store';
import { RecordingCallControl } from './recording-call-control';
import { parseCallEvents } from '../../src/adapters/acs/acs-call-events';

/** A full {@link AppDeps} of fakes, each typed as its fake so tests can script and inspect it. */
export interface FakeDeps extends AppDeps {
  readonly clock: FakeClock;
  readonly meetings: FakeMeetingStore;
  readonly settings: FakeSettingsStore;
  readonly ledger: FakeLedger;
  readonly linkTokens: FakeLinkTokenStore;
  readonly optOuts: FakeOptOutStore;
  readonly replies: FakeReplyStore;
  readonly prompts: FakePromptStore;
  readonly senders: Readonly<Record<Channel, ScriptedSender>>;
  readonly templateStore: FakeTemplateStore;
  readonly tokens: FakeTokenVerifier;
  readonly messageIndex: FakeMessageIndex;
  readonly processedEvents: FakeProcessedEvents;
  readonly eventLog: FakeEventLog;
  readonly subscriptions: FakeSubscriptionStore;
  readonly deliveries: FakeDeliveryStore;
  readonly webhooks: ScriptedWebhookSender;
  readonly log: RecordingLog;
  readonly pacer: FakeSendPacer;
  readonly lines: FakeLineLimiter;
  readonly onlineMeetings: FakeOnlineMeetings;
  readonly conversations: FakeConversationWindows;
  readonly tickets: FakeTicketStore;
  readonly deflections: FakeDeflectionStore;
  readonly calls: FakeCallStore;
  readonly callControl: RecordingCallControl;
}

/** Deterministic "random" bytes: 1, 2, 3… across calls, so link tokens differ but tests repeat. */
function countingBytes(): (size: number) => Uint8Array {
  let next = 0;
  return (size) => Uint8Array.from({ length: size }, () => (next = (next + 1) % 256));
}

/**
 * Fakes for every dependency (templates: the shipped defaults, read from `templates/`), with
 * `overrides` replacing any of them. No service is called.
 */
export function fakeDeps<O extends Partial<AppDeps> = Record<never, never>>(overrides?: O): Omit<FakeDeps, keyof O> & O {
  const clock = new FakeClock();
  const log = new RecordingLog();
  const eventLog = new FakeEventLog();
  const deps: FakeDeps = {
    config: parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', PUBLIC_BASE_URL: 'https://comms.example.com' }),
    clock,
    meetings: new FakeMeetingStore(),
    settings: new FakeSettingsStore(),
    ledger: new FakeLedger(),
    linkTokens: new FakeLinkTokenStore(),
    optOuts: new FakeOptOutStore(),
    replies: new FakeReplyStore(),
    prompts: new FakePromptStore(),
    senders: Object.fromEntries(CHANNELS.map((c) => [c, new ScriptedSender()])) as Record<Channel, ScriptedSender>,
    templates: defaultTemplateSource,
    defaultTemplates: defaultTemplateSource,
    templateStore: new FakeTemplateStore(),
    tokens: new FakeTokenVerifier(),
    eventsTokens: new FakeTokenVerifier(),
    inbound: acsEventParser,
    calls: new FakeCallStore(),
    callControl: new RecordingCallControl(),
    callEvents: parseCallEvents,
    messageIndex: new FakeMessageIndex(),
    processedEvents: new FakeProcessedEvents(),
    eventLog,
    events: eventPublisher({ eventLog, consumers: [], clock, log }),
    eventConsumers: [],
    subscriptions: new FakeSubscriptionStore(),
    deliveries: new FakeDeliveryStore(),
    webhooks: new ScriptedWebhookSender(),
    randomBytes: countingBytes(),
    log,
    pacer: new FakeSendPacer(),
    lines: new FakeLineLimiter(),
    onlineMeetings: new FakeOnlineMeetings(),
    conversations: new FakeConversationWindows(),
    tickets: new FakeTicketStore(),
    deflections: new FakeDeflectionStore(),
  };
  return { ...deps, ...overrides } as Omit<FakeDeps, keyof O> & O;
}
