import { holdPacer, IDLE_PACER, reserveSlot, type PacerState } from '../../domain';
import type { SendPacer, SlotRequest } from '../../ports/send-pacer';
import { QueuedRows } from './queued-row';
import { lazyTable } from './table-client';

export const PACERS_TABLE = 'Pacers';

/**
 * {@link SendPacer} over Azure Table storage: one row per sender holding its timeline (`nextMs`,
 * `normalCount`, and the spare slots as a JSON array: a few hundred numbers at most, one per 25
 * queued sends), changed with If-Match on its ETag and batched within an instance ({@link QueuedRows}):
 * no slot is handed out twice, by any number of instances. Nothing to host or keep warm.
 */
export class TableSendPacer implements SendPacer {
  private readonly rows: QueuedRows<PacerState>;

  constructor(connectionString: string) {
    const number = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
    this.rows = new QueuedRows(lazyTable(connectionString, PACERS_TABLE), {
      table: PACERS_TABLE, partition: 'pacer', keyName: 'a sender', empty: IDLE_PACER,
      decode: (entity) => ({ nextMs: number(entity['nextMs']), normalCount: number(entity['normalCount']), spareMs: spares(entity['spareMs']) }),
      encode: (state) => ({ nextMs: state.nextMs, normalCount: state.normalCount, spareMs: JSON.stringify(state.spareMs) }),
    });
  }

  async reserve(request: SlotRequest, now: Date): Promise<Date> {
    let slot = 0;
    await this.rows.change(request.sender, (state) => {
      const next = reserveSlot(state, request.lane, now.getTime(), request.perMinute, request.notBefore?.getTime());
      slot = next.slotMs;
      return next.state;
    });
    return new Date(slot);
  }

  async holdUntil(sender: string, until: Date): Promise<void> {
    await this.rows.change(sender, (state) => holdPacer(state, until.getTime()));
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
