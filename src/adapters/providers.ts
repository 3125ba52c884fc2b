import { CHANNELS, type Channel } from '../domain';
import type { Config } from '../config';
import { emailDispatchSender } from '../channels/email/email-sender';
import { smsDispatchSender } from '../channels/sms/sms-sender';
import type { Clock } from '../ports/clock';
import type { ChannelSender } from '../ports/dispatch';
import { TransientProviderError } from '../ports/send-result';
import { OnlineMeetingError, type OnlineMeetings } from '../ports/online-meetings';
import type { AdapterLogger } from './acs/acs-common';
import { AcsEmailSender } from './acs/acs-email-sender';
import { AcsSmsSender } from './acs/acs-sms-sender';
import { fallbackOnlineMeetings, fallbackProvider } from './devhost-hooks';
import { graphEmailChoice, graphOnlineMeetingsChoice } from './graph/graph-choices';
import { whatsAppProvider } from './acs/whatsapp-provider';
import type { CallControl, VoiceCaller } from '../ports/calls';
import { acsVoiceProvider } from './voice-provider';

/** What a sender is built from. */
export interface SenderEnv {
  readonly config: Config;
  readonly clock: Clock;
  readonly logger: AdapterLogger;
}

/**
 * The provider chosen for one channel: its name (what /api/health reports), the settings it still
 * lacks (empty when configured), and how to build its sender.
 */
export interface ProviderChoice {
  readonly provider: string;
  readonly missing: readonly string[];
  create(env: SenderEnv): ChannelSender;
  /** A conversation channel's mid-call actions (voice), from the same provider as its sender. */
  calls?(env: SenderEnv): CallControl & VoiceCaller;
}

/** The provider of Teams meetings, chosen like a channel's: its name, the settings it lacks, how to build it. */
export interface OnlineMeetingsChoice {
  readonly provider: string;
  readonly missing: readonly string[];
  create(env: SenderEnv): OnlineMeetings;
}

/** A real provider per channel: chosen when its settings are present, else the settings it needs. */
type Configured = (config: Config) => ProviderChoice | { readonly missing: readonly string[] };

/** The names among `names` that the configuration leaves unset (what /api/health reports as missing). */
const unset = (config: Config, ...names: Array<keyof Config>): string[] => names.filter((name) => !config[name]);

const CONFIGURED: { readonly [N in Channel]?: Configured } = {
  email: (config) => {
    if (config.EMAIL_PROVIDER === 'graph') return graphEmailChoice(config);
    const { ACS_CONNECTION_STRING: connectionString, ACS_EMAIL_SENDER: senderAddress } = config;
    if (!connectionString || !senderAddress) return { missing: unset(config, 'ACS_CONNECTION_STRING', 'ACS_EMAIL_SENDER') };
    return { provider: 'acs', missing: [], create: ({ logger }) => emailDispatchSender('acs', new AcsEmailSender({ connectionString, senderAddress, logger })) };
  },
  sms: (config) => {
    const { ACS_CONNECTION_STRING: connectionString, ACS_SMS_FROM: from } = config;
    if (!connectionString || !from) return { missing: unset(config, 'ACS_CONNECTION_STRING', 'ACS_SMS_FROM') };
    return { provider: 'acs', missing: [], create: ({ logger }) => ({ ...smsDispatchSender('acs', new AcsSmsSender({ connectionString, from, logger })), from }) };
  },
  whatsapp: whatsAppProvider,
  voice: acsVoiceProvider,
};

/**
 * A channel without a provider: nothing is ever recorded sent. Each send is deferred (the provider
 * "is unavailable"), so messages still go out if the settings are added within the deferral window,
 * and are recorded failed with this reason after it. /api/health answers 503 naming the settings.
 */
function unconfigured(channel: Channel, missing: readonly string[]): ProviderChoice {
  const names = missing.length > 0 ? missing : ['a provider'];
  return {
    provider: 'none',
    missing: names,
    create: () => ({
      provider: 'none',
      send: async () => {
        throw new TransientProviderError(channel, 'unavailable', `no provider configured: set ${names.join(' and ')}`);
      },
    }),
  };
}

const isChoice = (value: ProviderChoice | { readonly missing: readonly string[] }): value is ProviderChoice => 'create' in value;

/**
 * The provider of every registered channel, chosen once from the configuration: the real one when
 * its settings are present; else the fallback the devhost installs (the local outbox); else none.
 * The container builds senders from this and /api/health reports it, so the two cannot disagree.
 */
export function providersFor(config: Config): Record<Channel, ProviderChoice> {
  const choose = (channel: Channel): ProviderChoice => {
    const configured = CONFIGURED[channel]?.(config) ?? { missing: [] };
    if (isChoice(configured)) return configured;
    return fallbackProvider(channel) ?? unconfigured(channel, configured.missing);
  };
  return Object.fromEntries(CHANNELS.map((channel) => [channel, choose(channel)])) as Record<Channel, ProviderChoice>;
}

/**
 * Who creates Teams meetings: Graph when its credentials and GRAPH_ORGANIZER are set; else the
 * devhost's local stand-in; else none (a Teams meeting then never gets a link: its messages wait
 * TEAMS_LINK_WAIT and go without it; /api/health reports `onlineMeetings: none`; each try logs the
 * settings to set).
 */
export function onlineMeetingsFor(config: Config): OnlineMeetingsChoice {
  const graph = graphOnlineMeetingsChoice(config);
  if ('create' in graph) return graph;
  return fallbackOnlineMeetings() ?? {
    provider: 'none',
    missing: graph.missing,
    create: () => ({
      provider: 'none',
      ensure: async () => { throw new OnlineMeetingError('forbidden', `no online-meeting provider configured: set ${graph.missing.join(', ')}`); },
      update: async () => { throw new OnlineMeetingError('forbidden', 'no online-meeting provider configured'); },
      remove: async () => { throw new OnlineMeetingError('forbidden', 'no online-meeting provider configured'); },
    }),
  };
}
