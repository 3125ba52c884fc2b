import { acquireLine, NO_LEASES, releaseLine, type LineLeases } from '../../src/domain';
import type { LineAnswer, LineLimiter, LineRequest } from '../../src/ports/line-limiter';

/** An in-memory LineLimiter over the real lease rules; `asked` and `released` record what happened. */
export class FakeLineLimiter implements LineLimiter {
  readonly leases = new Map<string, LineLeases>();
  readonly asked: Array<LineRequest & { granted: boolean }> = [];
  readonly released: Array<{ line: string; leaseId: string }> = [];

  async acquire(request: LineRequest, now: Date): Promise<LineAnswer> {
    const grant = acquireLine(this.leases.get(request.line) ?? NO_LEASES, request.leaseId, request.limit, now.getTime());
    this.leases.set(request.line, grant.leases);
    this.asked.push({ ...request, granted: grant.granted });
    return grant.granted ? { granted: true } : { granted: false, retryAt: new Date(grant.retryAtMs) };
  }

  async release(line: string, leaseId: string, now: Date): Promise<void> {
    this.leases.set(line, releaseLine(this.leases.get(line) ?? NO_LEASES, leaseId, now.getTime()));
    this.released.push({ line, leaseId });
  }

  /** The leases up on a line now. */
  held(line: string): string[] {
    return Object.keys(this.leases.get(line) ?? {});
  }
}
