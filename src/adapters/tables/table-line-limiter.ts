import { acquireLine, NO_LEASES, releaseLine, type LineLeases } from '../../domain';
import type { LineAnswer, LineLimiter, LineRequest } from '../../ports/line-limiter';
import { QueuedRows } from './queued-row';
import { lazyTable } from './table-client';

export const LINES_TABLE = 'Lines';

/**
 * {@link LineLimiter} over Azure Table storage: one row per caller number holding its live leases
 * (call ID → expiry, as JSON: a handful of entries, one per call up), changed with If-Match on its
 * ETag and batched within an instance ({@link QueuedRows}), so every instance together never has more
 * calls up per number than its limit.
 */
export class TableLineLimiter implements LineLimiter {
  private readonly rows: QueuedRows<LineLeases>;

  constructor(connectionString: string) {
    this.rows = new QueuedRows(lazyTable(connectionString, LINES_TABLE), {
      table: LINES_TABLE, partition: 'line', keyName: 'a caller number', empty: NO_LEASES,
      decode: (entity) => leases(entity['leases']),
      encode: (state) => ({ leases: JSON.stringify(state) }),
    });
  }

  async acquire(request: LineRequest, now: Date): Promise<LineAnswer> {
    let answer: LineAnswer = { granted: true };
    await this.rows.change(request.line, (state) => {
      const grant = acquireLine(state, request.leaseId, request.limit, now.getTime());
      answer = grant.granted ? { granted: true } : { granted: false, retryAt: new Date(grant.retryAtMs) };
      return grant.leases;
    });
    return answer;
  }

  async release(line: string, leaseId: string, now: Date): Promise<void> {
    await this.rows.change(line, (state) => releaseLine(state, leaseId, now.getTime()));
  }
}

/** The stored leases; a row that does not parse frees its lines (at worst one more call than the limit, once). */
function leases(value: unknown): LineLeases {
  try {
    const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : {};
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return NO_LEASES;
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));
  } catch {
    return NO_LEASES;
  }
}
