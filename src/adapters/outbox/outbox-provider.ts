import type { Channel } from '../../domain';
import type { ProviderChoice } from '../providers';
import { OutboxSender, type OutboxListener } from './outbox-sender';
import { windowedWhatsAppSender } from '../../channels/whatsapp/whatsapp-sender';
import { TableConversationWindows } from '../tables/table-conversation-windows';
import { localVoiceProvider } from '../voice-provider';

/** The sender the outbox records when the configuration names none: a local toll-free number, a local address. */
export const LOCAL_SENDERS = { sms: '+18005550100', email: 'DoNotReply@outbox.localhost', whatsapp: '00000000-0000-4000-8000-00000000a11e' } as const;

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
      if (channel === 'whatsapp') {
        // The 24-hour rule applies locally too: the outbox records the template or the text that would go.
        const from = config.WHATSAPP_CHANNEL_ID ?? LOCAL_SENDERS.whatsapp;
        const outbox = new OutboxSender(config.AzureWebJobsStorage, clock, channel, logger, from, onRecorded);
        return { ...windowedWhatsAppSender(outbox, new TableConversationWindows(config.AzureWebJobsStorage), clock), from };
      }
      const from = channel === 'sms' ? (config.ACS_SMS_FROM ?? LOCAL_SENDERS.sms) : channel === 'email' ? (config.ACS_EMAIL_SENDER ?? LOCAL_SENDERS.email) : '';
      return new OutboxSender(config.AzureWebJobsStorage, clock, channel as Channel, logger, from, onRecorded);
    },
  };
}
