import type { TableClient } from '@azure/data-tables';
import { assertTableKey, getEntityOrUndefined, isStatus } from './table-client';

/** Optimistic-concurrency rounds before giving up (the activity is then retried by the host). */
const MAX_ROUNDS = 50;

/** How one kind of row is read and written: its state from the stored properties and back. */
export interface RowCodec<S> {
  readonly table: string;
  readonly partition: string;
  /** What the row's key names in errors (`a sender`). */
  readonly keyName: string;
  readonly empty: S;
  decode(entity: Record<string, unknown>): S;
  encode(state: S): Record<string, string | number>;
}

/** A change to a row's state waiting for the next write, and whom to tell. */
interface Queued<S> {
  readonly change: (state: S) => S;
  readonly done: (error?: unknown) => void;
}

/**
 * Rows changed only with If-Match on the ETag just read (the pacer's timelines, the caller numbers'
 * lines): of two concurrent writers exactly one wins each round and the other reads again, so nothing
 * is handed out twice by any number of instances. Within one instance the changes to a row are queued
 * and each write takes every change waiting (in the order they asked), so a burst costs one read and
 * one write per batch rather than a storm of conflicting rounds per request.
 */
export class QueuedRows<S> {
  private readonly queues = new Map<string, Array<Queued<S>>>();

  constructor(private readonly table: () => Promise<TableClient>, private readonly codec: RowCodec<S>) {}

  /** Applies `change` to the row's state (re-run on the fresh state if a round is lost) and writes it. */
  change(key: string, change: (state: S) => S): Promise<void> {
    assertTableKey(key, this.codec.keyName);
    return new Promise<void>((resolve, reject) => {
      const queue = this.queues.get(key);
      const item: Queued<S> = { change, done: (error) => (error === undefined ? resolve() : reject(error)) };
      if (queue) return void queue.push(item);
      this.queues.set(key, [item]);
      void this.drain(key);
    });
  }

  /** Writes the queued changes of a row, a batch per round, until none is left. */
  private async drain(key: string): Promise<void> {
    for (;;) {
      const batch = this.queues.get(key) ?? [];
      if (batch.length === 0) {
        this.queues.delete(key);
        return;
      }
      this.queues.set(key, []);
      try {
        // A retried round re-runs every change on the fresh state: the answers come from the row that was written.
        await this.update(key, (state) => batch.reduce((s, item) => item.change(s), state));
        batch.forEach((item) => item.done());
      } catch (error) {
        batch.forEach((item) => item.done(error ?? new Error(`${this.codec.table} update failed`)));
      }
    }
  }

  private async update(key: string, change: (state: S) => S): Promise<void> {
    const table = await this.table();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const current = await this.read(table, key);
      const entity = { partitionKey: this.codec.partition, rowKey: key, ...this.codec.encode(change(current?.state ?? this.codec.empty)) };
      try {
        if (current === undefined) await table.createEntity(entity);
        else await table.updateEntity(entity, 'Replace', { etag: current.etag });
        return;
      } catch (err) {
        // Someone else wrote first (412), or created the row first (409): read again.
        if (!isStatus(err, 412) && !isStatus(err, 409)) throw err;
      }
    }
    throw new Error(`${this.codec.table}: gave up after ${MAX_ROUNDS} conflicting rounds`);
  }

  private async read(table: TableClient, key: string): Promise<{ state: S; etag: string } | undefined> {
    const entity = await getEntityOrUndefined<Record<string, unknown>>(table, this.codec.partition, key);
    return entity === undefined ? undefined : { state: this.codec.decode(entity), etag: entity.etag };
  }
}
