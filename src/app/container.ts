import { randomBytes } from 'node:crypto';
import { getConfig, type Config } from '../config';
import { AcsEmailSender } from '../adapters/acs-email-sender';
import { AcsSmsSender } from '../adapters/acs-sms-sender';
import { defaultTemplateSource } from '../adapters/default-template-source';
import { tokenVerifierFromConfig } from '../adapters/jose-token-verifier';
import { OutboxEmailSender, OutboxSmsSender } from '../adapters/outbox-sender';
import { OverrideTemplateSource } from '../adapters/override-template-source';
import { systemClock } from '../adapters/system-clock';
import { TableLedger } from '../adapters/tables/table-ledger';
import { TableLinkTokenStore } from '../adapters/tables/table-link-token-store';
import { TableMeetingStore } from '../adapters/tables/table-meeting-store';
import { TableSettingsStore } from '../adapters/tables/table-settings-store';
import { TableTemplateStore } from '../adapters/tables/table-template-store';
import type { AdapterLogger } from '../adapters/acs-common';
import type { EmailSender } from '../ports/email-sender';
import type { SmsSender } from '../ports/sms-sender';
import type { AppDeps, Log } from './deps';

const consoleLog: Log = { info: (m) => console.log(m), warn: (m) => console.warn(m) };

/** Adapters log IDs as fields; ours prints them on one line. */
const adapterLogger = (log: Log): AdapterLogger => {
  const line = (message: string, fields: Record<string, string | number>): string => `${message} ${Object.entries(fields).map(([k, v]) => `${k}=${v}`).join(' ')}`;
  return { info: (m, f) => log.info(line(m, f)), warn: (m, f) => log.warn(line(m, f)) };
};

/** Which provider each channel uses: ACS when configured, else the local outbox. */
function senders(config: Config, log: Log): { email: EmailSender; sms: SmsSender } {
  const logger = adapterLogger(log);
  const storage = config.AzureWebJobsStorage;
  const crash = config.OUTBOX_CRASH_AFTER_ACCEPT ? new RegExp(config.OUTBOX_CRASH_AFTER_ACCEPT) : undefined;
  const outboxOptions = { logger, ...(crash ? { crashAfterAccept: (key: string) => crash.test(key) } : {}) };
  const acs = config.ACS_CONNECTION_STRING;
  return {
    email: acs && config.ACS_EMAIL_SENDER ? new AcsEmailSender({ connectionString: acs, senderAddress: config.ACS_EMAIL_SENDER, logger }) : new OutboxEmailSender(storage, systemClock, outboxOptions),
    sms: acs && config.ACS_SMS_FROM ? new AcsSmsSender({ connectionString: acs, from: config.ACS_SMS_FROM, logger }) : new OutboxSmsSender(storage, systemClock, outboxOptions),
  };
}

/** Builds the app's dependencies from configuration. */
export function buildDeps(config: Config, log: Log = consoleLog): AppDeps {
  const storage = config.AzureWebJobsStorage;
  const templateStore = new TableTemplateStore(storage);
  return {
    config,
    clock: systemClock,
    meetings: new TableMeetingStore(storage),
    settings: new TableSettingsStore(storage),
    ledger: new TableLedger(storage),
    linkTokens: new TableLinkTokenStore(storage),
    templates: new OverrideTemplateSource(templateStore, log),
    defaultTemplates: defaultTemplateSource,
    templateStore,
    tokens: tokenVerifierFromConfig(config, systemClock),
    randomBytes: (size) => new Uint8Array(randomBytes(size)),
    log,
    ...senders(config, log),
  };
}

let deps: AppDeps | undefined;

/** The process's dependencies, built on first use (configuration is read then, not at import). */
export function appDeps(): AppDeps {
  deps ??= buildDeps(getConfig());
  return deps;
}
