import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { CALL_OUTCOMES } from '../../domain/voice/call-machine';
import type { About } from '../../ports/dispatch';
import type { CallEvent, CallStore, PendingCallEvent, StoredCall } from '../../ports/calls';
import { hashedKey } from './hashed-key';
import { CorruptRowError, createIfAbsent, getEntityOrUndefined, isStatus, issuePaths, lazyTable, parseJsonProperty, parsedRows } from './table-client';

/** Reminder calls: one row per call, an index row per subject and per connection, one row per callback. */
export const CALLS_TABLE = 'Calls';

const CALL_PARTITION = 'call';
const CONNECTION_PARTITION = 'conn';
const aboutPartition = (about: About): string => `about-${hashedKey(`${about.kind}:${about.id}`)}`;
const eventsPartition = (callId: string): string => `events-${callId}`;

const stateSchema = z.object({
  phase: z.enum(['dialling', 'asking', 'closing', 'transferring', 'ended']),
  attempt: z.number().int().min(1), step: z.number().int().min(0), plays: z.number().int().min(0), silences: z.number().int().min(0),
  outcome: z.enum(CALL_OUTCOMES).nullable(), reason: z.string().nullable(), lastEventAt: z.string(),
});

const callSchema = z.object({
  rowKey: z.string(), sendKey: z.string().min(1), aboutKind: z.enum(['meeting', 'callback', 'deflection', 'test', 'help']), aboutId: z.string().min(1),
  type: z.string().min(1), to: z.string().min(1), text: z.string(),
  callConnectionId: z.string().optional(), dialledAt: z.string().optional(), state: z.unknown(), retryAt: z.string().optional(), noRetry: z.boolean().optional(), updatedAt: z.string(),
});

function parseCall(row: Record<string, unknown>): StoredCall {
  const rowId = String(row['rowKey'] ?? '?');
  const parsed = callSchema.safeParse(row);
  if (!parsed.success) throw new CorruptRowError(CALLS_TABLE, rowId, issuePaths(parsed.error.issues));
  const state = stateSchema.safeParse(parseJsonProperty(parsed.data.state, CALLS_TABLE, rowId, 'state'));
  if (!state.success) throw new CorruptRowError(CALLS_TABLE, rowId, issuePaths(state.error.issues).map((p) => `state.${p}`));
  const { rowKey, aboutKind, aboutId, callConnectionId, dialledAt, retryAt, ...rest } = parsed.data;
  return { ...rest, callId: rowKey, about: { kind: aboutKind, id: aboutId }, callConnectionId: callConnectionId ?? null, dialledAt: dialledAt ?? null, retryAt: retryAt ?? null, state: state.data };
}

function toRow(call: StoredCall): { partitionKey: string; rowKey: string } & Record<string, unknown> {
  const { callId, about, state, callConnectionId, dialledAt, retryAt, ...rest } = call;
  return {
    partitionKey: CALL_PARTITION, rowKey: callId, ...rest, aboutKind: about.kind, aboutId: about.id, state: JSON.stringify(state),
    ...(callConnectionId !== null ? { callConnectionId } : {}), ...(dialledAt !== null ? { dialledAt } : {}), ...(retryAt !== null ? { retryAt } : {}),
  };
}

/** {@link CallStore} over Table storage (table `Calls`). The number and the spoken text stay in the call row; keys carry hashes and IDs. */
export class TableCallStore implements CallStore {
  private readonly table: () => Promise<TableClient>;

  constructor(connectionString: string) {
    this.table = lazyTable(connectionString, CALLS_TABLE);
  }

  async create(call: StoredCall): Promise<{ created: boolean; call: StoredCall }> {
    const table = await this.table();
    // The index first: a call row without one would be invisible to GetMeeting.
    await table.upsertEntity({ partitionKey: aboutPartition(call.about), rowKey: call.callId }, 'Replace');
    try {
      await table.createEntity(toRow(call));
      return { created: true, call };
    } catch (err) {
      if (!isStatus(err, 409)) throw err;
      const existing = await this.get(call.callId);
      if (!existing) throw err;
      return { created: false, call: existing.call };
    }
  }

  async get(callId: string): Promise<{ call: StoredCall; etag: string } | undefined> {
    const table = await this.table();
    const row = await getEntityOrUndefined<Record<string, unknown>>(table, CALL_PARTITION, callId);
    return row === undefined ? undefined : { call: parseCall(row), etag: String(row.etag) };
  }

  async replace(call: StoredCall, etag: string): Promise<boolean> {
    const table = await this.table();
    try {
      await table.updateEntity(toRow(call), 'Replace', { etag });
      return true;
    } catch (err) {
      if (isStatus(err, 412)) return false;
      throw err;
    }
  }

  async byConnection(callConnectionId: string): Promise<string | undefined> {
    const table = await this.table();
    const row = await getEntityOrUndefined<{ callId?: unknown }>(table, CONNECTION_PARTITION, hashedKey(callConnectionId));
    return typeof row?.callId === 'string' ? row.callId : undefined;
  }

  async indexConnection(callConnectionId: string, callId: string): Promise<void> {
    const table = await this.table();
    await table.upsertEntity({ partitionKey: CONNECTION_PARTITION, rowKey: hashedKey(callConnectionId), callId }, 'Replace');
  }

  async addEvent(callId: string, event: CallEvent, receivedAt: string): Promise<boolean> {
    const table = await this.table();
    return createIfAbsent(table, { partitionKey: eventsPartition(callId), rowKey: hashedKey(event.eventId), event: JSON.stringify(event), receivedAt, applied: false });
  }

  async pendingEvents(callId: string): Promise<PendingCallEvent[]> {
    const table = await this.table();
    const rows = table.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${eventsPartition(callId)} and applied eq false` } });
    const events = await parsedRows(rows, (row) => ({
      event: parseJsonProperty(row['event'], CALLS_TABLE, String(row['rowKey']), 'event') as CallEvent,
      receivedAt: String(row['receivedAt']),
    }));
    return events.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.event.at.localeCompare(b.event.at));
  }

  async markApplied(callId: string, eventId: string): Promise<void> {
    const table = await this.table();
    await table.updateEntity({ partitionKey: eventsPartition(callId), rowKey: hashedKey(eventId), applied: true }, 'Merge');
  }

  async list(about: About): Promise<StoredCall[]> {
    const table = await this.table();
    const index = await parsedRows(table.listEntities<{ rowKey?: string }>({ queryOptions: { filter: odata`PartitionKey eq ${aboutPartition(about)}` } }), (row) => String(row.rowKey));
    const calls = await Promise.all(index.map((callId) => this.get(callId)));
    return calls.flatMap((c) => (c ? [c.call] : []));
  }
}
