/** The first retry waits this long; each failure doubles the wait, up to {@link RETRY_MAX_MS}. */
export const RETRY_FIRST_MS = 30_000;
export const RETRY_MAX_MS = 3_600_000;
/** Attempts stop this long after the first one (API.md: retried with backoff for 24 hours). */
export const RETRY_WINDOW_MS = 24 * 3_600_000;

/**
 * When to try a delivery again after its `failedAttempts`-th failure at `now` (30 s, 1 min, 2 min, …
 * at most 1 h apart), or undefined when that would be more than 24 h after the first attempt: then
 * the delivery has failed for good.
 */
export function nextAttemptAt(firstAttemptAt: Date, failedAttempts: number, now: Date): Date | undefined {
  const exponent = Math.max(0, Math.min(failedAttempts - 1, 20));
  const wait = Math.min(RETRY_FIRST_MS * 2 ** exponent, RETRY_MAX_MS);
  const at = new Date(now.getTime() + wait);
  return at.getTime() - firstAttemptAt.getTime() <= RETRY_WINDOW_MS ? at : undefined;
}

/** Standard Webhooks secrets: `whsec_` and the base64 of the random key bytes (24 to 64 of them). */
export function signingSecret(keyBytes: Uint8Array): string {
  if (keyBytes.length < 24 || keyBytes.length > 64) throw new Error('a signing key has 24 to 64 bytes');
  return `whsec_${Buffer.from(keyBytes).toString('base64')}`;
}
