import { Client, GraphError, HTTPMessageHandler, RetryHandler, RetryHandlerOptions, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import type { GraphTokenProvider } from './graph-auth';

/** The Graph client's own retry for idempotent calls (createOrGet, PATCH, DELETE, GET): 2 retries, 1 s base. */
export const IDEMPOTENT_RETRY = { delaySeconds: 1, maxRetries: 2, maxRetryAfterSeconds: 10 } as const;

/** For a call that must never be sent twice by the client (sendMail: Graph has no idempotency key). */
export const NO_RETRY = (): RetryHandlerOptions => new RetryHandlerOptions(0, 0, () => false);

/**
 * Puts the bearer token on every request, whatever the host (the SDK's AuthenticationHandler does it
 * only for https Graph hosts). When Graph refuses a token (401: expired or revoked before its time)
 * it asks msal for a fresh one and sends the request once more.
 */
class BearerToken implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly tokens: GraphTokenProvider) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    await this.run(context, await this.tokens.token());
    if (context.response?.status === 401) await this.run(context, await this.tokens.token(true));
  }

  private async run(context: Context, token: string): Promise<void> {
    const options = (context.options ??= {});
    // The SDK builds headers as a plain object (GraphRequest); ours replaces any earlier Authorization.
    const headers = Object.fromEntries(Object.entries((options.headers ?? {}) as Record<string, string>).filter(([name]) => name.toLowerCase() !== 'authorization'));
    options.headers = { ...headers, Authorization: `Bearer ${token}` };
    await this.next?.execute(context);
  }
}

/**
 * The Graph client (3.x) over its own middleware chain: our bearer token → the SDK's RetryHandler
 * (429/503/504, honouring Retry-After up to 10 s; longer waits go back to the caller, who defers) →
 * the SDK's HTTPMessageHandler (global fetch). A request can switch the retry off ({@link NO_RETRY}).
 */
export function graphClient(baseUrl: string, tokens: GraphTokenProvider): Client {
  const auth = new BearerToken(tokens);
  const retry = new RetryHandler(new RetryHandlerOptions(IDEMPOTENT_RETRY.delaySeconds, IDEMPOTENT_RETRY.maxRetries, (_delay, _attempt, _request, _options, response) => {
    const after = Number(response.headers.get('retry-after') ?? '0');
    return !Number.isFinite(after) || after <= IDEMPOTENT_RETRY.maxRetryAfterSeconds;
  }));
  auth.setNext(retry);
  retry.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({ middleware: auth, baseUrl: `${baseUrl}/`, defaultVersion: 'v1.0' });
}

/** What an error from a Graph call says, in the parts the adapters decide on (never its free text). */
export interface GraphFailure {
  /** HTTP status, or undefined when no answer came (network, timeout). */
  readonly status: number | undefined;
  /** Graph's error code when it is a plain token (`Forbidden`, `ErrorInvalidRecipients`). */
  readonly code: string | undefined;
  readonly retryAfterMs: number | undefined;
  /** Graph's message: inspected for known phrases, never stored or logged. */
  readonly text: string;
}

/** Reads a thrown Graph client error. */
export function graphFailure(error: unknown): GraphFailure {
  if (!(error instanceof GraphError)) {
    return { status: undefined, code: undefined, retryAfterMs: undefined, text: error instanceof Error ? error.message : '' };
  }
  const status = error.statusCode > 0 ? error.statusCode : undefined;
  const code = typeof error.code === 'string' && /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(error.code) ? error.code : undefined;
  const after = error.headers?.get('retry-after');
  const seconds = after === null || after === undefined ? NaN : Number(after);
  return { status, code, retryAfterMs: Number.isFinite(seconds) ? seconds * 1000 : undefined, text: error.message ?? '' };
}

/** `HTTP 403 Forbidden`, `no answer`: a label safe to store and log. */
export const failureLabel = (f: GraphFailure): string => (f.status === undefined ? 'no answer (network or timeout)' : `HTTP ${f.status}${f.code ? ` ${f.code}` : ''}`);
