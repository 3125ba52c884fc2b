import type { Channel } from '../../domain';
import type { ProviderChoice } from '../providers';
import { OutboxSender } from './outbox-sender';

/** The local outbox as a channel's provider: records what would be sent (GET /dev/outbox shows it). */
export function outboxProvider(channel: string): ProviderChoice {
  return { provider: 'outbox', missing: [], create: ({ config, clock, logger }) => new OutboxSender(config.AzureWebJobsStorage, clock, channel as Channel, logger) };
}
