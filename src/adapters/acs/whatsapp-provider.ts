import type { Config } from '../../config';
import { whatsAppDispatchSender } from '../../channels/whatsapp/whatsapp-sender';
import type { ProviderChoice } from '../providers';
import { TableConversationWindows } from '../tables/table-conversation-windows';
import { AcsWhatsAppSender } from './acs-whatsapp-sender';

/**
 * WhatsApp's entry in `providersFor`: ACS Advanced Messaging when ACS_CONNECTION_STRING and
 * WHATSAPP_CHANNEL_ID are set, else the settings it lacks (the devhost's outbox then stands in).
 */
export function whatsAppProvider(config: Config): ProviderChoice | { readonly missing: readonly string[] } {
  const { ACS_CONNECTION_STRING: connectionString, WHATSAPP_CHANNEL_ID: channelId } = config;
  if (!connectionString || !channelId) return { missing: ['ACS_CONNECTION_STRING', 'WHATSAPP_CHANNEL_ID'].filter((name) => !config[name as keyof Config]) };
  return {
    provider: 'acs',
    missing: [],
    create: ({ logger, clock }) =>
      whatsAppDispatchSender('acs', new AcsWhatsAppSender({ connectionString, channelId, logger }), new TableConversationWindows(config.AzureWebJobsStorage), clock, channelId),
  };
}
