import type { TableClient } from '@azure/data-tables';
import { holdPacer, IDLE_PACER, reserveSlot, type PacerState } from '../../domain';
import type { SendPacer, SlotRequest } from '../../ports/send-pacer';
import { assertTableKey, isStatus, lazyTable } from './table-client';

export const PACERS_TABLE = 'Pacers';
const PARTITION = 'pacer';
/** Optimistic-concurrency rounds before giving up (the activity is then retried by the host). */
const MAX_ROUNDS = 50;

interface PacerEntity {
  partitionKey: string;
  rowKey: string;
  nextMs: number;
  normalCount: number;
  /** JSON array of the spare slots (a few hundred numbers at most: one per 25 queued sends). */
  spareMs: string;
}

/** A change to a sender's state waiting for the next write, and whom to tell. */
interface Queued {
  readonly change: (state: PacerState) => PacerState;
  readonly done: (error?: unknown) => void;
}

/**
 * {@link SendPacer} over Azure Table storage: one row per sender holding its timeline, changed only
 * with If-Match on the ETag just read, so of two concurrent writers exactly one wins each round and
 * the other reads again: no slot is handed out twice, by any number of instances. Within one
 * instance the requests for a sender are queued and each write takes every request waiting (in the
 * order they asked), so a burst costs one read and one write per batch rather than a storm of
 * conflicting rounds per request. Nothing to host or keep warm.
 */
export class TableSendPacer implements SendPacer {
  private readonly table: () => Promise<TableClient>;
  private readonly queues = new Map<string, Queued[]>();

  constructor(connectionString: string) {
    this.table = lazyTable(connectionString, PACERS_TABLE);
  }

  async reserve(request: SlotRequest, now: Date): Promise<Date> {
    let slot = 0;
    await this.enqueue(request.sender, (state) => {
      const next = reserveSlot(state, request.lane, now.getTime(), request.perMinute, request.notBefore?.getTime());
      slot = next.slotMs;
      return next.state;
    });
    return new Date(slot);
  }

  async holdUntil(sender: string, until: Date): Promise<void> {
    await this.enqueue(sender, (state) => holdPacer(state, until.getTime()));
  }

  private enqueue(sender: string, change: (state: PacerState) => PacerState): Promise<void> {
    assertTableKey(sender, 'a sender');
    return new Promise<void>((resolve, reject) => {
      const queue = this.queues.get(sender);
      const item: Queued = { change, done: (error) => (error === undefined ? resolve() : reject(error)) };
      if (queue) return void queue.push(item);
      this.queues.set(sender, [item]);
      void this.drain(sender);
    });
  }

  /** Writes the queued changes of a sender, a batch per round, until none is left. */
  private async drain(sender: string): Promise<void> {
    for (;;) {
      const batch = this.queues.get(sender) ?? [];
      if (batch.length === 0) {
        this.queues.delete(sender);
        return;
      }
      this.queues.set(sender, []);
      try {
        // A retried round re-runs every change on the fresh state: the slots come from the row that was written.
        await this.update(sender, (state) => batch.reduce((s, item) => item.change(s), state));
        batch.forEach((item) => item.done());
      } catch (error) {
        batch.forEach((item) => item.done(error ?? new Error('pacer update failed')));
      }
    }
  }

  private async update(sender: string, change: (state: PacerState) => PacerState): Promise<void> {
    const table = await this.table();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const current = await read(table, sender);
      const state = change(current?.state ?? IDLE_PACER);
      const entity: PacerEntity = { partitionKey: PARTITION, rowKey: sender, nextMs: state.nextMs, normalCount: state.normalCount, spareMs: JSON.stringify(state.spareMs) };
      try {
        if (current === undefined) await table.createEntity(entity);
        else await table.updateEntity(entity, 'Replace', { etag: current.etag });
        return;
      } catch (err) {
        // Someone else reserved first (412), or created the row first (409): read again.
        if (!isStatus(err, 412) && !isStatus(err, 409)) throw err;
      }
    }
    throw new Error(`${PACERS_TABLE}: gave up reserving a slot after ${MAX_ROUNDS} conflicting rounds`);
  }
}

async function read(table: TableClient, sender: string): Promise<{ state: PacerState; etag: string } | undefined> {
  try {
    const entity = await table.getEntity<Record<string, unknown>>(PARTITION, sender);
    const number = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
    return { state: { nextMs: number(entity['nextMs']), normalCount: number(entity['normalCount']), spareMs: spares(entity['spareMs']) }, etag: entity.etag };
  } catch (err) {
    if (isStatus(err, 404)) return undefined;
    throw err;
  }
}

/** The stored spares; a row that does not parse loses only its spares (the rate still holds). */
function spares(value: unknown): number[] {
  try {
    const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : [];
    return Array.isArray(parsed) ? parsed.filter((n): n is number => typeof n === 'number' && Number.isFinite(n)) : [];
  } catch {
    return [];
  }
}
