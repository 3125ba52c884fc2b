import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { Clock } from '../../ports/clock';
import type { CallControl, Dial, Speech, VoiceCaller } from '../../ports/calls';
import type { Dispatch } from '../../ports/dispatch';
import type { SendResult } from '../../ports/send-result';
import type { AdapterLogger } from '../acs/acs-common';
import { CorruptRowError, getEntityOrUndefined, isStatus, issuePaths, lazyTable, parseJsonProperty, parsedRows } from '../tables/table-client';
import { OutboxSender } from './outbox-sender';

/** The devhost's calls: what each local call was asked to do, for GET /dev/calls. */
export const DEV_CALLS_TABLE = 'DevCalls';
const PARTITION = 'calls';

/** One thing the app asked of a local call. Phone numbers appear only in the devhost's own table and page. */
export interface LocalCallAction {
  readonly at: string;
  readonly kind: 'ask' | 'say' | 'transfer' | 'hangUp';
  readonly operationContext: string | null;
  /** What it spoke (ask, say). */
  readonly text?: string;
  readonly voice?: string;
  /** Whom it transferred to. */
  readonly target?: string;
}

/** A call the local voice channel placed, as GET /dev/calls lists it. */
export interface LocalCall {
  readonly callConnectionId: string;
  readonly sendKey: string;
  readonly to: string;
  readonly from: string;
  /** Where its callbacks go (the app's `/api/events/calls?key=…`). */
  readonly callbackUrl: string;
  /** createCall's operationContext: CallConnected and CreateCallFailed echo it. */
  readonly operationContext: string;
  readonly createdAt: string;
  readonly actions: readonly LocalCallAction[];
}

const rowSchema = z.object({
  rowKey: z.string(), sendKey: z.string(), to: z.string(), from: z.string(), callbackUrl: z.string(), operationContext: z.string(), createdAt: z.string(), actions: z.string(),
});

function toCall(row: Record<string, unknown>): LocalCall {
  const parsed = rowSchema.safeParse(row);
  const rowId = String(row['rowKey'] ?? '?');
  if (!parsed.success) throw new CorruptRowError(DEV_CALLS_TABLE, rowId, issuePaths(parsed.error.issues));
  const { rowKey, actions, ...rest } = parsed.data;
  return { ...rest, callConnectionId: rowKey, actions: parseJsonProperty(actions, DEV_CALLS_TABLE, rowId, 'actions') as LocalCallAction[] };
}

/** Hears of every action the app asks of a local call (the devhost answers them with callbacks). */
export type LocalCallListener = (call: LocalCall, action: LocalCallAction) => void;
const listeners: LocalCallListener[] = [];

/** Installs a listener for local call actions (the devhost does, before the app loads). */
export function onLocalCallAction(listener: LocalCallListener): void {
  listeners.push(listener);
}

/**
 * The local voice channel (no ACS settings): a call is recorded in the outbox (its spoken text) and
 * in `DevCalls` (what the call was asked to do); no phone rings. The devhost's `/dev/calls` then
 * plays the provider's part, posting genuine Call Automation callbacks to the app. createCall with
 * the same send key again returns the first call (the outbox's record is an insert).
 */
export class LocalCalls implements VoiceCaller, CallControl {
  readonly provider = 'outbox';
  private readonly table: () => Promise<TableClient>;
  private readonly outbox: OutboxSender;

  constructor(connectionString: string, private readonly clock: Pick<Clock, 'now'>, readonly from: string, logger?: AdapterLogger) {
    this.table = lazyTable(connectionString, DEV_CALLS_TABLE);
    this.outbox = new OutboxSender(connectionString, clock, 'voice', logger, from);
  }

  async dial(dial: Dial, dispatch: Dispatch): Promise<SendResult> {
    const recorded = await this.outbox.send(dispatch);
    if (recorded.status !== 'sent') return recorded;
    const callConnectionId = recorded.providerMessageId;
    const table = await this.table();
    const row = {
      partitionKey: PARTITION, rowKey: callConnectionId, sendKey: dispatch.key, to: dial.to, from: this.from, callbackUrl: dial.callbackUrl,
      operationContext: dial.operationContext, createdAt: this.clock.now().toISOString(), actions: '[]',
    };
    try {
      await table.createEntity(row);
    } catch (err) {
      if (!isStatus(err, 409)) throw err;
    }
    return { status: 'sent', providerMessageId: callConnectionId };
  }

  ask(callConnectionId: string, _to: string, speech: Speech, operationContext: string): Promise<void> {
    return this.record(callConnectionId, { kind: 'ask', operationContext, text: speech.text, voice: speech.voice });
  }

  say(callConnectionId: string, speech: Speech, operationContext: string): Promise<void> {
    return this.record(callConnectionId, { kind: 'say', operationContext, text: speech.text, voice: speech.voice });
  }

  transfer(callConnectionId: string, number: string, operationContext: string): Promise<void> {
    return this.record(callConnectionId, { kind: 'transfer', operationContext, target: number });
  }

  hangUp(callConnectionId: string): Promise<void> {
    return this.record(callConnectionId, { kind: 'hangUp', operationContext: null });
  }

  private async record(callConnectionId: string, action: Omit<LocalCallAction, 'at'>): Promise<void> {
    const table = await this.table();
    for (let attempt = 0; attempt < 10; attempt++) {
      let row: Record<string, unknown>;
      try {
        row = await table.getEntity<Record<string, unknown>>(PARTITION, callConnectionId);
      } catch (err) {
        // A call that does not exist here (hung up, or never placed): as ACS, nothing to act on.
        if (isStatus(err, 404)) return;
        throw err;
      }
      const call = toCall(row);
      const done: LocalCallAction = { ...action, at: this.clock.now().toISOString() };
      try {
        await table.updateEntity({ partitionKey: PARTITION, rowKey: callConnectionId, actions: JSON.stringify([...call.actions, done]) }, 'Merge', { etag: String(row['etag']) });
      } catch (err) {
        if (isStatus(err, 412)) continue;
        throw err;
      }
      for (const listener of listeners) listener({ ...call, actions: [...call.actions, done] }, done);
      return;
    }
  }
}

/** Every local call, newest first. */
export async function listLocalCalls(connectionString: string): Promise<LocalCall[]> {
  const table = await lazyTable(connectionString, DEV_CALLS_TABLE)();
  const calls = await parsedRows(table.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${PARTITION}` } }), toCall);
  return calls.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** One local call, or undefined. */
export async function getLocalCall(connectionString: string, callConnectionId: string): Promise<LocalCall | undefined> {
  const table = await lazyTable(connectionString, DEV_CALLS_TABLE)();
  const row = await getEntityOrUndefined<Record<string, unknown>>(table, PARTITION, callConnectionId);
  return row === undefined ? undefined : toCall(row);
}
