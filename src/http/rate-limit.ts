import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { problem } from './problem';

/** A token bucket: holds up to `capacity` requests and regains `refillPerSecond` per second. */
export interface BucketOptions { capacity: number; refillPerSecond: number }

export interface RateLimiterOptions {
  /** The bucket of each client (caller address). */
  perClient: BucketOptions;
  /** One bucket shared by all clients: bounds the total however many addresses an attacker has. */
  global: BucketOptions;
  /** Clients remembered at most; the least recently seen is forgotten first (memory stays bounded). */
  maxClients: number;
  /** Milliseconds since the epoch (injected for tests; the real time otherwise). */
  clock?: { now(): number };
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket { tokens: number; at: number }

/** Client keys longer than this are cut, so a forged header cannot make one entry large. */
const MAX_KEY_LENGTH = 64;

/**
 * In-memory token-bucket rate limiter, per client and global. State is per instance: with N
 * instances scaled out the effective limits are N times these (still bounded).
 */
export class RateLimiter {
  private readonly clients = new Map<string, Bucket>();
  private readonly global: Bucket;
  private readonly clock: { now(): number };

  constructor(private readonly options: RateLimiterOptions) {
    this.clock = options.clock ?? { now: () => Date.now() };
    this.global = { tokens: options.global.capacity, at: this.clock.now() };
  }

  /** Takes one request for `key` from both buckets, or says how long to wait. Refused requests take nothing. */
  take(key: string): TakeResult {
    const now = this.clock.now();
    const clientKey = key.slice(0, MAX_KEY_LENGTH);
    const client = this.clients.get(clientKey) ?? { tokens: this.options.perClient.capacity, at: now };
    // Map order is recency order: re-inserting marks the client most recently seen.
    this.clients.delete(clientKey);
    this.clients.set(clientKey, client);
    while (this.clients.size > this.options.maxClients) {
      const oldest = this.clients.keys().next().value as string;
      this.clients.delete(oldest);
    }
    refill(client, this.options.perClient, now);
    refill(this.global, this.options.global, now);
    const waits = [wait(client, this.options.perClient), wait(this.global, this.options.global)];
    const retryAfterSeconds = Math.max(...waits);
    if (retryAfterSeconds > 0) return { ok: false, retryAfterSeconds };
    client.tokens -= 1;
    this.global.tokens -= 1;
    return { ok: true };
  }

  /** Clients currently remembered (never more than `maxClients`). */
  get size(): number {
    return this.clients.size;
  }
}

function refill(bucket: Bucket, options: BucketOptions, now: number): void {
  // A clock that steps back refills nothing rather than draining.
  const elapsed = Math.max(0, now - bucket.at) / 1000;
  bucket.tokens = Math.min(options.capacity, bucket.tokens + elapsed * options.refillPerSecond);
  bucket.at = Math.max(bucket.at, now);
}

/** Whole seconds until the bucket holds one request (0 when it holds one now). */
function wait(bucket: Bucket, options: BucketOptions): number {
  // The epsilon absorbs float drift (60 s at 20/60 per second must give back 20 whole requests).
  if (bucket.tokens >= 1 - 1e-9) return 0;
  return Math.max(1, Math.ceil((1 - bucket.tokens) / options.refillPerSecond));
}

/**
 * The caller's address: the first `x-forwarded-for` entry (Azure's front ends set it; App Gateway
 * adds `:port`, which is dropped so each connection does not count as a new client), else 'unknown'.
 */
export function clientAddress(headers: { get(name: string): string | null }): string {
  const first = headers.get('x-forwarded-for')?.split(',')[0]?.trim().toLowerCase() ?? '';
  if (first === '') return 'unknown';
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(first);
  if (bracketed?.[1]) return bracketed[1].slice(0, MAX_KEY_LENGTH);
  // One colon: IPv4 with a port. More: a bare IPv6 address, kept whole.
  const ipv4WithPort = /^([^:]+):\d+$/.exec(first);
  return (ipv4WithPort?.[1] ?? first).slice(0, MAX_KEY_LENGTH);
}

/** The rate-limit key of a request: its caller's address (see {@link clientAddress}). */
export function clientKey(req: Pick<HttpRequest, 'headers'>): string {
  return clientAddress(req.headers);
}

/** 429 problem+json with `Retry-After` (whole seconds). */
export function tooManyRequests(retryAfterSeconds: number): HttpResponseInit {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const response = problem(429, 'Too Many Requests', `Too many requests; try again in ${seconds} s.`);
  return { ...response, headers: { ...(response.headers as Record<string, string>), 'retry-after': String(seconds) } };
}

/** Takes one request for the caller of `req`: the 429 to send, or undefined when it may proceed. */
export function rateLimit(limiter: RateLimiter, req: Pick<HttpRequest, 'headers'>): HttpResponseInit | undefined {
  const result = limiter.take(clientKey(req));
  return result.ok ? undefined : tooManyRequests(result.retryAfterSeconds);
}

/**
 * Deep-link token lookups (GET/POST /api/links/{token}): 30 per minute per client with bursts of 30,
 * 600 per minute overall. Tokens are 128+ bits, so this is about load, not guessing; a person
 * opening their link a few times never meets it. 10 000 clients ≈ 1–2 MB at most.
 */
export function linkLookupLimiter(clock?: { now(): number }, limits: PerMinute = { perClient: 30, global: 600 }): RateLimiter {
  return perMinute(limits, clock);
}

/** Requests per minute: per client address and for everyone together. */
export interface PerMinute { perClient: number; global: number }

function perMinute(limits: PerMinute, clock?: { now(): number }): RateLimiter {
  return new RateLimiter({ perClient: { capacity: limits.perClient, refillPerSecond: limits.perClient / 60 }, global: { capacity: limits.global, refillPerSecond: limits.global / 60 }, maxClients: 10_000, clock });
}

/**
 * CancelMeeting (POST /api/meetings/{id}/cancel): 20 per minute per client with bursts of 20, 600 per
 * minute overall. Each call verifies a JWT and reads storage; a portal cancels far less often.
 */
export function cancelLimiter(clock?: { now(): number }, limits: PerMinute = { perClient: 20, global: 600 }): RateLimiter {
  return perMinute(limits, clock);
}

/** Parses a "<per client>/<global>" setting (validated by the config schema). */
export function parsePerMinute(setting: string): PerMinute {
  const [perClient, global] = setting.split('/').map(Number);
  return { perClient: perClient ?? 0, global: global ?? 0 };
}

/**
 * Template test sends (POST /api/templates/preview with `sendTo`), keyed by admin: 10 per hour per
 * admin with bursts of 10, 100 per hour overall. Each one is a real message on a paid channel.
 */
export function testSendLimiter(clock?: { now(): number }): RateLimiter {
  return new RateLimiter({ perClient: { capacity: 10, refillPerSecond: 10 / 3600 }, global: { capacity: 100, refillPerSecond: 100 / 3600 }, maxClients: 1_000, clock });
}

/** A limiter made on first use, for limits that come from configuration (read lazily, not at import). */
export function lazily(make: () => RateLimiter): () => RateLimiter {
  let limiter: RateLimiter | undefined;
  return () => (limiter ??= make());
}
