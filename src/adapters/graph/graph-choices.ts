import type { Config } from '../../config';
import { emailDispatchSender } from '../../channels/email/email-sender';
import { graphCredentialsMissing } from '../../config/graph-schema';
import type { AdapterLogger } from '../acs/acs-common';
import type { OnlineMeetingsChoice, ProviderChoice } from '../providers';
import { GraphEmailSender } from './graph-email-sender';
import { GraphOnlineMeetings } from './graph-online-meetings';
import { graphConnection } from './graph-provider';
import { TableSendMarkers, type SendMarkers } from './graph-send-markers';


/** EMAIL_PROVIDER=graph: Outlook mail from GRAPH_MAIL_SENDER (the config schema requires its settings). */
export function graphEmailChoice(config: Config): ProviderChoice | { readonly missing: readonly string[] } {
  const missing = [...graphCredentialsMissing(config), ...(config.GRAPH_MAIL_SENDER ? [] : ['GRAPH_MAIL_SENDER'])];
  if (missing.length > 0) return { missing };
  return {
    provider: 'graph',
    missing: [],
    create: ({ logger }) => emailDispatchSender('graph', graphEmailSenderFor(config, logger)),
  };
}

/** The Graph email sender for `config` (its marks in Table storage unless given). */
export function graphEmailSenderFor(config: Config, logger: AdapterLogger, markers: SendMarkers = new TableSendMarkers(config.AzureWebJobsStorage)): GraphEmailSender {
  const { client, tokens } = graphConnection(config);
  return new GraphEmailSender(client, { sender: config.GRAPH_MAIL_SENDER as string, saveToSentItems: config.GRAPH_SAVE_TO_SENT_ITEMS, tokens, markers, logger });
}

/** Teams meetings through Graph: the credentials and GRAPH_ORGANIZER. */
export function graphOnlineMeetingsChoice(config: Config): OnlineMeetingsChoice | { readonly missing: readonly string[] } {
  const missing = [...graphCredentialsMissing(config), ...(config.GRAPH_ORGANIZER ? [] : ['GRAPH_ORGANIZER'])];
  if (missing.length > 0) return { missing };
  return {
    provider: 'graph',
    missing: [],
    create: () => {
      const { client, tokens } = graphConnection(config);
      return new GraphOnlineMeetings(client, {
        organizer: config.GRAPH_ORGANIZER as string, organizerDomains: config.GRAPH_ORGANIZER_DOMAINS ?? [], lobbyBypass: config.TEAMS_LOBBY_BYPASS, tokens,
      });
    },
  };
}
