/**
 * What became of one send. `deferred`: the provider could not take it now (unavailable, throttled,
 * a 429's Retry-After); the ledger holds the claim with `retryAt`, and the caller tries again then.
 */
export type SendOutcome =
  | { readonly status: 'sent'; readonly providerMessageId: string }
  | { readonly status: 'failed'; readonly reason: string }
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'deferred'; readonly retryAt: string; readonly reason: string };

/**
 * How long deferred sends wait: the provider's Retry-After when it sent one, else a backoff from
 * one minute doubling to at most an hour; after `maxAttempts` deferred attempts (about four hours
 * of an outage) the send is recorded `failed` with the last reason.
 */
export const DEFERRAL_POLICY = { firstDelayMs: 60_000, maxDelayMs: 3_600_000, maxAttempts: 10 } as const;

/** When the `attempts`-th deferred attempt (1-based) tries again. */
export function retryAtAfter(now: Date, attempts: number, retryAfterMs: number | undefined, policy = DEFERRAL_POLICY): string {
  const backoff = Math.min(policy.firstDelayMs * 2 ** Math.max(0, attempts - 1), policy.maxDelayMs);
  const delay = retryAfterMs !== undefined && retryAfterMs > 0 ? Math.min(Math.max(retryAfterMs, 1_000), policy.maxDelayMs) : backoff;
  return new Date(now.getTime() + delay).toISOString();
}
