import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Fewest random bytes in a token: 128 bits. */
export const LINK_TOKEN_MIN_BYTES = 16;
/** Most random bytes: 18 bytes are 24 base64url characters, the most an SMS link should carry. */
export const LINK_TOKEN_MAX_BYTES = 18;

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{22,24}$/;

/**
 * Encodes caller-supplied random bytes (16–18, from a CSPRNG) as a deep-link token: base64url without
 * padding, 22–24 characters. The domain never draws randomness itself. Throws a RangeError for a wrong
 * byte count: that is a programming error, not an expected outcome.
 */
export function newLinkToken(randomBytes: Uint8Array): string {
  if (randomBytes.length < LINK_TOKEN_MIN_BYTES || randomBytes.length > LINK_TOKEN_MAX_BYTES) {
    throw new RangeError(`a link token needs ${LINK_TOKEN_MIN_BYTES}–${LINK_TOKEN_MAX_BYTES} random bytes, got ${randomBytes.length}`);
  }
  return Buffer.from(randomBytes).toString('base64url');
}

/**
 * The token of one send, derived from a secret and the send key: the same send gets the same token on
 * every attempt. A send resumed after a crash must render exactly the message the provider may already
 * have taken, or the provider refuses the repeated request ID as a different request (ACS SMS
 * repeatability) and the message is recorded failed although it went out. 128 bits of HMAC-SHA256,
 * unguessable without the secret; the store still keeps only its hash.
 */
export function sendLinkToken(secret: string, sendKey: string): string {
  return createHmac('sha256', secret).update(`link-token|${sendKey}`, 'utf8').digest().subarray(0, LINK_TOKEN_MIN_BYTES).toString('base64url');
}

/** Whether a string looks like a token {@link newLinkToken} makes (checked before any lookup). */
export function isLinkTokenFormat(token: string): boolean {
  return TOKEN_FORMAT.test(token);
}

/** SHA-256 of the token as lower-case hex: the only form that is stored and looked up. */
export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares two hex hashes in constant time (for equal lengths); different lengths are simply unequal. */
export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Whether `token` hashes to `storedHash`, compared in constant time. */
export function verifyLinkToken(token: string, storedHash: string): boolean {
  return hashesEqual(hashLinkToken(token), storedHash.toLowerCase());
}
