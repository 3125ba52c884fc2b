import type { Channel } from '../../domain';
import type { ProviderChoice } from '../providers';
import { OutboxSender, type OutboxListener } from './outbox-sender';
import { localVoiceProvider } from '../voice-provider';

/** The sender the outbox records when the configuration names none: a local toll-free number, a local address. */
export const LOCAL_SENDERS = { sms: '+18005550100', email: 'DoNotReply@outbox.localhost' } as const;

/**
 * The local outbox as a channel's provider: records what would be sent (GET /dev/outbox shows it), from
 * the configured sender (ACS_SMS_FROM, ACS_EMAIL_SENDER) or a local one; `onRecorded` hears of each record.
 */
export function outboxProvider(channel: string, onRecorded?: OutboxListener): ProviderChoice {
  // A call is a conversation: recorded, then driven from /dev/calls (see local-calls.ts).
  if (channel === 'voice') return localVoiceProvider();
  return {
    provider: 'outbox',
    missing: [],
    create: ({ config, clock, logger }) => {
      const from = channel === 'sms' ? (config.ACS_SMS_FROM ?? LOCAL_SENDERS.sms) : channel === 'email' ? (config.ACS_EMAIL_SENDER ?? LOCAL_SENDERS.email) : '';
      return new OutboxSender(config.AzureWebJobsStorage, clock, channel as Channel, logger, from, onRecorded);
    },
  };
}
