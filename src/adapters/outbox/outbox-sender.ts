import { randomUUID } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { channelSchema, type Channel } from '../../domain';
import type { Clock } from '../../ports/clock';
import type { ChannelSender, Dispatch } from '../../ports/dispatch';
import type { OutboxMessage } from '../../ports/outbox';
import type { SendResult } from '../../ports/send-result';
import type { AdapterLogger } from '../acs/acs-common';
import { CorruptRowError, DEV_OUTBOX_TABLE, assertTableKey, isStatus, issuePaths, lazyTable, parsedRows, type CorruptRowReport } from '../tables/table-client';

const PARTITION = 'outbox';

const optional = z.string().optional().transform((value) => value ?? null);

/** A stored outbox row; null fields are absent (Table storage has no null). */
const outboxRowSchema = z.object({
  rowKey: z.string(),
  id: z.string().min(1),
  channel: channelSchema,
  // Rows recorded before the outbox kept the sender read as "" (unknown).
  from: z.string().optional().transform((value) => value ?? ''),
  to: z.string(),
  type: z.string().min(1),
  meetingId: optional,
  subject: optional,
  text: z.string(),
  html: optional,
  messageId: z.string().optional(),
  createdAt: z.string(),
  buttons: z.string().optional(),
});

const buttonsSchema = z.array(z.object({ text: z.string(), payload: z.string() }));

/** Called once a message is recorded (also when a resumed send finds its first record): the devhost reports its delivery. */
export type OutboxListener = (message: OutboxMessage) => void;

/**
 * The local channel used when no provider is configured, for any channel: it records exactly what
 * would have been sent (table `DevOutbox`, PartitionKey `outbox`, RowKey = send key, with what the
 * message is about) for GET /dev/outbox. Recording is an insert, so the same send key again returns
 * the first record's ID and writes nothing: like ACS repeatability, this keeps a send exactly-once
 * across a crash between "accepted" and "ledger updated".
 */
export class OutboxSender implements ChannelSender {
  readonly provider = 'outbox';
  private readonly table: () => Promise<TableClient>;
  private readonly logger: AdapterLogger;

  constructor(
    connectionString: string,
    private readonly clock: Pick<Clock, 'now'>,
    private readonly channel: Channel,
    logger?: AdapterLogger,
    readonly from = '',
    private readonly onRecorded?: OutboxListener,
  ) {
    this.table = lazyTable(connectionString, DEV_OUTBOX_TABLE);
    this.logger = logger ?? console;
  }

  async send(dispatch: Dispatch): Promise<SendResult> {
    const sendKey = dispatch.key;
    assertTableKey(sendKey, 'send key');
    const table = await this.table();
    const id = randomUUID();
    const { content } = dispatch;
    const row = {
      partitionKey: PARTITION,
      rowKey: sendKey,
      id,
      channel: this.channel,
      from: this.from,
      to: dispatch.to,
      type: dispatch.purpose,
      aboutKind: dispatch.about.kind,
      aboutId: dispatch.about.id,
      meetingId: dispatch.about.kind === 'meeting' ? dispatch.about.id : null,
      subject: 'subject' in content ? content.subject : null,
      text: content.text,
      html: 'html' in content ? content.html : null,
      buttons: 'buttons' in content && content.buttons.length > 0 ? JSON.stringify(content.buttons) : null,
      // The outbox's message ID is its row's ID: what the send returns, and what delivery reports carry.
      messageId: id,
      createdAt: this.clock.now().toISOString(),
    };
    try {
      await table.createEntity(withoutNulls(row));
    } catch (err) {
      if (!isStatus(err, 409)) throw err;
      const existing = toMessage(await table.getEntity<Record<string, unknown>>(PARTITION, sendKey));
      this.logger.info('outbox: already recorded', { channel: this.channel, sendKey, id: existing.id });
      // A crash may have come between the record and its delivery report: report it again (the same event ID).
      this.onRecorded?.(existing);
      return { status: 'sent', providerMessageId: existing.messageId };
    }
    this.logger.info('outbox: recorded', { channel: this.channel, sendKey, id });
    this.onRecorded?.(toMessage(withoutNulls(row)));
    return { status: 'sent', providerMessageId: id };
  }
}

/** Every recorded message, oldest first (by `createdAt`, then send key); empty before the first send. A corrupt row is reported and skipped. */
export async function listOutbox(connectionString: string, reportCorrupt?: CorruptRowReport): Promise<OutboxMessage[]> {
  const table = await lazyTable(connectionString, DEV_OUTBOX_TABLE)();
  const messages = await parsedRows(table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${PARTITION}` } }), toMessage, reportCorrupt);
  return messages.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || (a.sendKey < b.sendKey ? -1 : a.sendKey > b.sendKey ? 1 : 0));
}

function toMessage(row: { rowKey?: string }): OutboxMessage {
  const parsed = outboxRowSchema.safeParse(row);
  if (!parsed.success) throw new CorruptRowError(DEV_OUTBOX_TABLE, `${PARTITION}/${row.rowKey ?? '?'}`, issuePaths(parsed.error.issues));
  const { rowKey, messageId, buttons, ...fields } = parsed.data;
  const parsedButtons = buttons === undefined ? undefined : buttonsSchema.safeParse(JSON.parse(buttons));
  if (parsedButtons?.success === false) throw new CorruptRowError(DEV_OUTBOX_TABLE, `${PARTITION}/${rowKey}`, ['buttons']);
  // Before the outbox kept a message ID, the row's ID was what the send returned.
  return { ...fields, sendKey: rowKey, messageId: messageId ?? fields.id, ...(parsedButtons ? { buttons: parsedButtons.data } : {}) };
}

function withoutNulls<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null)) as T;
}
