import { randomUUID } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { channelSchema, parseSendKey } from '../domain';
import type { Clock } from '../ports/clock';
import type { EmailMessage, EmailSender } from '../ports/email-sender';
import type { OutboxMessage } from '../ports/outbox';
import type { SendResult } from '../ports/send-result';
import type { SmsMessage, SmsSender } from '../ports/sms-sender';
import type { AdapterLogger } from './acs-common';
import { CorruptRowError, DEV_OUTBOX_TABLE, assertTableKey, isStatus, issuePaths, lazyTable } from './tables/table-client';

const PARTITION = 'outbox';

export interface OutboxSenderOptions {
  /**
   * Test-only fault injection. When it returns true for a send key, the process kills itself with
   * SIGKILL right after that message was recorded: the exactly-once test uses it to simulate a crash
   * after the provider accepted a message and before the ledger recorded it. Never set in production.
   */
  crashAfterAccept?: (sendKey: string) => boolean;
  /** Gets IDs only (send key, message ID, channel); `console` when omitted. */
  logger?: AdapterLogger;
}

type Draft = Pick<OutboxMessage, 'channel' | 'to' | 'subject' | 'text' | 'html'>;

const optional = z.string().optional().transform((value) => value ?? null);

/** A stored outbox row; null fields are absent (Table storage has no null). */
const outboxRowSchema = z.object({
  rowKey: z.string(),
  id: z.string().min(1),
  channel: channelSchema,
  to: z.string(),
  type: z.string().min(1),
  meetingId: optional,
  subject: optional,
  text: z.string(),
  html: optional,
  createdAt: z.string(),
});

/**
 * The local channel used when no provider is configured: it records exactly what would have been
 * sent (table `DevOutbox`, PartitionKey `outbox`, RowKey = send key) for GET /dev/outbox. Recording
 * is an insert, so the same send key again returns the first record's ID and writes nothing: like
 * ACS repeatability, this keeps a send exactly-once across a crash between "accepted" and "ledger updated".
 */
export abstract class OutboxSender {
  private readonly table: () => Promise<TableClient>;
  private readonly logger: AdapterLogger;

  constructor(
    connectionString: string,
    private readonly clock: Clock,
    private readonly options: OutboxSenderOptions = {},
  ) {
    this.table = lazyTable(connectionString, DEV_OUTBOX_TABLE);
    this.logger = options.logger ?? console;
  }

  protected async record(draft: Draft, sendKey: string): Promise<SendResult> {
    assertTableKey(sendKey, 'send key');
    const table = await this.table();
    const parts = parseSendKey(sendKey);
    const id = randomUUID();
    const row = {
      partitionKey: PARTITION, rowKey: sendKey, id, ...draft, type: parts?.type ?? 'test', meetingId: parts?.meetingId ?? null, createdAt: this.clock.now().toISOString(),
    };
    try {
      await table.createEntity(withoutNulls(row));
    } catch (err) {
      if (!isStatus(err, 409)) throw err;
      const existing = toMessage(await table.getEntity<Record<string, unknown>>(PARTITION, sendKey));
      this.logger.info('outbox: already recorded', { channel: draft.channel, sendKey, id: existing.id });
      return { status: 'sent', providerMessageId: existing.id };
    }
    this.logger.info('outbox: recorded', { channel: draft.channel, sendKey, id });
    if (this.options.crashAfterAccept?.(sendKey) === true) process.kill(process.pid, 'SIGKILL');
    return { status: 'sent', providerMessageId: id };
  }
}

/** {@link SmsSender} that records to the dev outbox (see {@link OutboxSender}). */
export class OutboxSmsSender extends OutboxSender implements SmsSender {
  send(message: SmsMessage, sendKey: string, _firstSentAt: Date): Promise<SendResult> {
    return this.record({ channel: 'sms', to: message.to, subject: null, text: message.text, html: null }, sendKey);
  }
}

/** {@link EmailSender} that records to the dev outbox (see {@link OutboxSender}). */
export class OutboxEmailSender extends OutboxSender implements EmailSender {
  send(message: EmailMessage, sendKey: string): Promise<SendResult> {
    return this.record({ channel: 'email', to: message.to, subject: message.subject, text: message.text, html: message.html }, sendKey);
  }
}

/** Every recorded message, oldest first (by `createdAt`, then send key); empty before the first send. */
export async function listOutbox(connectionString: string): Promise<OutboxMessage[]> {
  const table = await lazyTable(connectionString, DEV_OUTBOX_TABLE)();
  const messages: OutboxMessage[] = [];
  for await (const row of table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${PARTITION}` } })) messages.push(toMessage(row));
  return messages.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || (a.sendKey < b.sendKey ? -1 : a.sendKey > b.sendKey ? 1 : 0));
}

function toMessage(row: { rowKey?: string }): OutboxMessage {
  const parsed = outboxRowSchema.safeParse(row);
  if (!parsed.success) throw new CorruptRowError(DEV_OUTBOX_TABLE, `${PARTITION}/${row.rowKey ?? '?'}`, issuePaths(parsed.error.issues));
  const { rowKey, ...fields } = parsed.data;
  return { ...fields, sendKey: rowKey };
}

function withoutNulls<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null)) as T;
}
