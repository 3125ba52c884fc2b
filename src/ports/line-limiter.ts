/** A line request: which caller number (`voice:+18005550100`), how many calls it may have up, and whose call. */
export interface LineRequest {
  readonly line: string;
  readonly limit: number;
  /** The call's own ID (its send key): asked again by the same call, the same lease. */
  readonly leaseId: string;
}

export type LineAnswer = { readonly granted: true } | { readonly granted: false; readonly retryAt: Date };

/**
 * The caller numbers' lines, shared by every orchestration and every app instance: a call takes a
 * lease before it is dialled and releases it when it ends; a lease never released expires.
 */
export interface LineLimiter {
  /** A line for this call, or when to ask again (no more than `limit` leases are ever live at once). */
  acquire(request: LineRequest, now: Date): Promise<LineAnswer>;
  /** Gives the call's line back; idempotent (a lease not held changes nothing). */
  release(line: string, leaseId: string, now: Date): Promise<void>;
}
