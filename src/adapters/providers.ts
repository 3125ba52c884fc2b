import { CHANNELS, type Channel } from '../domain';
import type { Config } from '../config';
import { emailDispatchSender } from '../channels/email/email-sender';
import { smsDispatchSender } from '../channels/sms/sms-sender';
import type { Clock } from '../ports/clock';
import type { ChannelSender } from '../ports/dispatch';
import type { AdapterLogger } from './acs/acs-common';
import { AcsEmailSender } from './acs/acs-email-sender';
import { AcsSmsSender } from './acs/acs-sms-sender';
import { OutboxSender } from './outbox/outbox-sender';

/** What a sender is built from. */
export interface SenderEnv {
  readonly config: Config;
  readonly clock: Clock;
  readonly logger: AdapterLogger;
}

/** The provider chosen for one channel: its name (what /api/health reports) and how to build its sender. */
export interface ProviderChoice {
  readonly provider: string;
  create(env: SenderEnv): ChannelSender;
}

/** The real providers per channel, each chosen when its settings are present. */
const CONFIGURED: { readonly [N in Channel]?: (config: Config) => ProviderChoice | undefined } = {
  email: (config) => {
    const { ACS_CONNECTION_STRING: connectionString, ACS_EMAIL_SENDER: senderAddress } = config;
    if (!connectionString || !senderAddress) return undefined;
    return { provider: 'acs', create: ({ logger }) => emailDispatchSender('acs', new AcsEmailSender({ connectionString, senderAddress, logger })) };
  },
  sms: (config) => {
    const { ACS_CONNECTION_STRING: connectionString, ACS_SMS_FROM: from } = config;
    if (!connectionString || !from) return undefined;
    return { provider: 'acs', create: ({ logger }) => smsDispatchSender('acs', new AcsSmsSender({ connectionString, from, logger })) };
  },
};

const outbox = (channel: Channel): ProviderChoice => ({
  provider: 'outbox',
  create: ({ config, clock, logger }) => new OutboxSender(config.AzureWebJobsStorage, clock, channel, logger),
});

/**
 * The provider of every registered channel, chosen once from the configuration: the real one when
 * its settings are present, else the local outbox (which records what would have been sent). The
 * container builds senders from this and /api/health reports it, so the two cannot disagree.
 */
export function providersFor(config: Config): Record<Channel, ProviderChoice> {
  return Object.fromEntries(CHANNELS.map((channel) => [channel, CONFIGURED[channel]?.(config) ?? outbox(channel)])) as Record<Channel, ProviderChoice>;
}
