/**
 * Outcome of handing one message to a provider. `sent` means the provider accepted it (final delivery
 * arrives later as a delivery report); `failed` is permanent: retrying the same message cannot help.
 * `reason` is safe to store and log: it never contains a phone number, an email address or message text.
 */
export type SendResult =
  | { status: 'sent'; providerMessageId: string }
  | { status: 'failed'; kind: SendFailureKind; reason: string };

/** `invalidRecipient`: the address or number is unusable; `permanent`: anything else that a retry cannot fix. */
export type SendFailureKind = 'invalidRecipient' | 'permanent';

/**
 * Thrown (never returned) when a provider stayed unavailable or throttled after the adapter's own bounded
 * retries. The caller (a Durable activity) lets it propagate so the host retries the activity later.
 */
export class TransientProviderError extends Error {
  /** Stable code for callers that cannot rely on `instanceof` (e.g. after serialisation). */
  readonly code = 'PROVIDER_TRANSIENT';
  override readonly name = 'TransientProviderError';

  /**
   * @param provider - adapter name, e.g. `acs-sms`
   * @param kind - `throttled` (the provider asked us to slow down) or `unavailable` (5xx, timeout, network)
   * @param detail - status code or error code only; never personal data
   * @param retryAfterMs - the provider's Retry-After, when it sent one
   */
  constructor(
    readonly provider: string,
    readonly kind: 'throttled' | 'unavailable',
    readonly detail: string,
    readonly retryAfterMs?: number,
  ) {
    super(`${provider}: ${kind} (${detail})${retryAfterMs === undefined ? '' : `; retry after ${retryAfterMs} ms`}`);
  }
}

/** True for a {@link TransientProviderError}, also when it crossed a module or serialisation boundary. */
export function isTransientProviderError(error: unknown): error is TransientProviderError {
  return error instanceof TransientProviderError || (error instanceof Error && (error as { code?: unknown }).code === 'PROVIDER_TRANSIENT');
}
