import { TransientProviderError } from '../ports/send-result';

/**
 * Bounded exponential backoff for transient provider errors. The Azure SDK's own retry policy is switched
 * off in the ACS adapters so that this is the only retry loop, with delays a test can shrink.
 */
export interface RetryPolicy {
  /** Total attempts, the first included. */
  maxAttempts: number;
  /** First backoff delay; it doubles per attempt (before jitter). */
  baseDelayMs: number;
  /** Longest single wait. A longer Retry-After is not slept through: the error goes to the caller. */
  maxDelayMs: number;
  /** Budget for all waits of one send. */
  maxTotalDelayMs: number;
  /** Jitter source in [0, 1): a backoff delay is scaled by 0.5 + random / 2. Retry-After is never jittered. */
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  maxTotalDelayMs: 20_000,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Runs `attempt` until it returns or throws something other than a {@link TransientProviderError}.
 * A transient error is retried after its Retry-After (at least) or a backoff delay; when attempts or the
 * wait budget run out, the last transient error is thrown.
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  policy: RetryPolicy,
  onRetry: (error: TransientProviderError, attemptNumber: number, delayMs: number) => void,
): Promise<T> {
  let waitedMs = 0;
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (!(error instanceof TransientProviderError) || attemptNumber >= policy.maxAttempts) throw error;
      const backoff = policy.baseDelayMs * 2 ** (attemptNumber - 1) * (0.5 + policy.random() / 2);
      const delayMs = Math.ceil(error.retryAfterMs ?? Math.min(backoff, policy.maxDelayMs));
      if (delayMs > policy.maxDelayMs || waitedMs + delayMs > policy.maxTotalDelayMs) throw error;
      onRetry(error, attemptNumber, delayMs);
      await policy.sleep(delayMs);
      waitedMs += delayMs;
    }
  }
}

/** 408, 429 and 5xx are worth retrying; every other status is an answer. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

interface HeaderBag {
  get(name: string): string | undefined;
}

/** The wait a 429/503 response asks for: `retry-after-ms`, `x-ms-retry-after-ms`, or `Retry-After` (seconds or date). */
export function retryAfterMsOf(headers: HeaderBag | undefined, nowMs = Date.now()): number | undefined {
  if (!headers) return undefined;
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const ms = Number(headers.get(name));
    if (headers.get(name) !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  }
  const value = headers.get('retry-after');
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : undefined;
}

/** The parts of an Azure SDK `RestError` (or `AbortError`) this module reads; duck-typed on purpose. */
interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  response?: { headers?: HeaderBag };
}

/** HTTP status of an Azure SDK `RestError`, if the request got an answer. */
export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as SdkErrorShape | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** A provider error code when it is a plain token (safe to log); never free text, which may echo personal data. */
export function safeCode(code: unknown): string | undefined {
  return typeof code === 'string' && /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(code) ? code : undefined;
}

/**
 * Turns an SDK error into a {@link TransientProviderError} when retrying can help: timeouts, network
 * errors, 408, 429 and 5xx. Returns undefined for an HTTP answer that is permanent, and for anything that
 * is not an SDK error (a bug should surface as itself).
 */
export function transientFromSdkError(provider: string, error: unknown): TransientProviderError | undefined {
  if (!(error instanceof Error)) return undefined;
  const shape = error as SdkErrorShape;
  if (error.name === 'AbortError') return new TransientProviderError(provider, 'unavailable', 'timeout');
  if (error.name !== 'RestError') return undefined;
  const status = httpStatusOf(error);
  if (status === undefined) {
    return new TransientProviderError(provider, 'unavailable', safeCode(shape.code) ?? 'network error');
  }
  if (!isTransientStatus(status)) return undefined;
  const retryAfterMs = retryAfterMsOf(shape.response?.headers);
  const kind = status === 429 ? 'throttled' : 'unavailable';
  return new TransientProviderError(provider, kind, `HTTP ${status}`, retryAfterMs);
}
