import type { IncomingHttpHeaders } from 'node:http';

/** What the loopback ACS server does with a request, scripted per recipient or for the next N requests. */
export type Behaviour =
  /** SMS: per-recipient 400 inside a 202; email: 400 on the send request. */
  | { kind: 'invalidRecipient' }
  /** SMS only: this per-recipient status inside a 202 (e.g. 429, 500). */
  | { kind: 'recipientStatus'; status: number }
  | { kind: 'throttle'; retryAfterMs?: number; retryAfterSeconds?: number }
  | { kind: 'serverError'; status?: number }
  /** Never answers and processes nothing (the client must time out). */
  | { kind: 'hang' }
  /** Processes the request (the message is delivered) but the answer never arrives. */
  | { kind: 'acceptThenHang' }
  /** Answers 401 as if the signature were wrong. */
  | { kind: 'badSignature' }
  /** Email only: the send is accepted, then the operation ends `Failed` with this error code. */
  | { kind: 'operationFailed'; code: string };

/** A request as the server received it; `at` is `performance.now()` on arrival. */
export interface RecordedRequest {
  at: number;
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** The HMAC signature verified. */
  authenticated: boolean;
  /** The status answered, or `hang`. */
  answer: number | 'hang';
}

/** A message the server accepted for delivery: what a real provider would have sent to a person. */
export interface Delivery {
  channel: 'sms' | 'email' | 'whatsapp';
  /** SMS message ID, email operation ID or WhatsApp receipt message ID. */
  id: string;
  to: string;
  request: unknown;
}

/** How a route answers. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Process, then never answer. */
  hang?: boolean;
}

/** What a route handler gets from the server. */
export interface RouteContext {
  body: unknown;
  headers: IncomingHttpHeaders;
  query: URLSearchParams;
  /** `http://127.0.0.1:PORT` */
  baseUrl: string;
  /** The scripted behaviour that applies to this whole request, if any. */
  behaviour: Behaviour | undefined;
  /** The behaviour scripted for one recipient, if any. */
  recipientBehaviour(to: string): Behaviour | undefined;
  deliver(delivery: Delivery): void;
}

/** A JSON error body in the shape ACS uses. */
export function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/** IMF-fixdate (RFC 7231 / RFC 1123), what `Date.prototype.toUTCString` produces. */
export function isImfFixdate(value: unknown): boolean {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) && new Date(value).toUTCString() === value;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
