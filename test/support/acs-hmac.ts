import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const SIGNED_HEADERS = 'x-ms-date;host;x-ms-content-sha256';
const MAX_CLOCK_SKEW_MS = 15 * 60_000;

/**
 * Checks an ACS HMAC-SHA256 request signature the way the service does: the content hash must be the
 * base64 SHA-256 of the body received, `x-ms-date` must be recent, and the Authorization header must carry
 * the HMAC (key = base64-decoded access key) of `METHOD\npathAndQuery\nx-ms-date;host;contentHash`.
 *
 * @returns a reason when the signature is not valid, undefined when it is
 */
export function acsSignatureProblem(
  method: string,
  pathAndQuery: string,
  headers: IncomingHttpHeaders,
  rawBody: Buffer,
  accessKey: string,
  nowMs = Date.now(),
): string | undefined {
  const date = headers['x-ms-date'];
  const contentHash = headers['x-ms-content-sha256'];
  const host = headers.host;
  const authorization = headers.authorization;
  if (typeof date !== 'string' || typeof contentHash !== 'string' || typeof host !== 'string' || typeof authorization !== 'string') {
    return 'missing signing headers';
  }
  if (!(Math.abs(Date.parse(date) - nowMs) <= MAX_CLOCK_SKEW_MS)) return 'x-ms-date missing or stale';
  if (contentHash !== createHash('sha256').update(rawBody).digest('base64')) return 'content hash does not match the body';
  const stringToSign = `${method.toUpperCase()}\n${pathAndQuery}\n${date};${host};${contentHash}`;
  const signature = createHmac('sha256', Buffer.from(accessKey, 'base64')).update(stringToSign, 'utf8').digest('base64');
  const expected = Buffer.from(`HMAC-SHA256 SignedHeaders=${SIGNED_HEADERS}&Signature=${signature}`);
  const actual = Buffer.from(authorization);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? undefined : 'signature mismatch';
}
