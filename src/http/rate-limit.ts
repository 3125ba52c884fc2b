import type { HttpResponseInit } from '@azure/functions';
import { problem } from './problem';

/** A token bucket: holds up to `capacity` requests and regains `refillPerSecond` per second. */
export interface BucketOptions { capacity: number; refillPerSecond: number }

export interface RateLimiterOptions {
  /** The bucket of each key (a client, a caller, a target). */
  bucket: BucketOptions;
  /** Keys remembered at most; the least recently seen is forgotten first (memory stays bounded). */
  maxKeys: number;
  /** Milliseconds since the epoch (injected for tests; the real time otherwise). */
  clock?: { now(): number };
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket { tokens: number; at: number }

/** Keys longer than this are cut, so a forged value cannot make one entry large. */
const MAX_KEY_LENGTH = 64;

/**
 * In-memory token buckets, one per key. There is no bucket shared by everyone: one client could
 * drain it and lock out every other. State is per instance: with N instances scaled out the
 * effective limits are N times these (still bounded).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly clock: { now(): number };

  constructor(private readonly options: RateLimiterOptions) {
    this.clock = options.clock ?? { now: () => Date.now() };
  }

  /** Takes one request for `key`, or says how long to wait. A refused request takes nothing. */
  take(key: string): TakeResult {
    const bucket = this.bucket(key);
    const retryAfterSeconds = wait(bucket, this.options.bucket);
    if (retryAfterSeconds > 0) return { ok: false, retryAfterSeconds };
    bucket.tokens -= 1;
    return { ok: true };
  }

  /** Whether `key` could take a request now (takes nothing). */
  check(key: string): TakeResult {
    const retryAfterSeconds = wait(this.bucket(key), this.options.bucket);
    return retryAfterSeconds > 0 ? { ok: false, retryAfterSeconds } : { ok: true };
  }

  /** Keys currently remembered (never more than `maxKeys`). */
  get size(): number {
    return this.buckets.size;
  }

  private bucket(key: string): Bucket {
    const now = this.clock.now();
    const cut = key.slice(0, MAX_KEY_LENGTH);
    const bucket = this.buckets.get(cut) ?? { tokens: this.options.bucket.capacity, at: now };
    // Map order is recency order: re-inserting marks the key most recently seen.
    this.buckets.delete(cut);
    this.buckets.set(cut, bucket);
    while (this.buckets.size > this.options.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    refill(bucket, this.options.bucket, now);
    return bucket;
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
 * The caller's address, from the entry of `x-forwarded-for` that the platform wrote: the front ends
 * in front of the app append the address they saw, so with `trustedHops` proxies (Azure's front end:
 * 1; Front Door or Application Gateway in front of it: 2) the client is `trustedHops` entries from the
 * right. Entries further left are whatever the client sent, and are never read. The devhost appends
 * the socket's address the same way. A port (`:52123`, App Gateway adds one) is dropped; no header
 * gives `unknown`.
 */
export function clientAddress(headers: { get(name: string): string | null }, trustedHops = 1): string {
  const entries = (headers.get('x-forwarded-for') ?? '').split(',').map((e) => e.trim().toLowerCase()).filter((e) => e !== '');
  const entry = entries[Math.max(0, entries.length - Math.max(1, trustedHops))] ?? '';
  if (entry === '') return 'unknown';
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed?.[1]) return bracketed[1].slice(0, MAX_KEY_LENGTH);
  // One colon: IPv4 with a port. More: a bare IPv6 address, kept whole.
  const ipv4WithPort = /^([^:]+):\d+$/.exec(entry);
  return (ipv4WithPort?.[1] ?? entry).slice(0, MAX_KEY_LENGTH);
}

/** 429 problem+json with `Retry-After` (whole seconds). */
export function tooManyRequests(retryAfterSeconds: number): HttpResponseInit {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const response = problem(429, 'Too Many Requests', `Too many requests; try again in ${seconds} s.`);
  return { ...response, headers: { ...(response.headers as Record<string, string>), 'retry-after': String(seconds) } };
}

/** Requests per minute: per client (or caller) and per target (a link token, a meeting). */
export interface PerMinute { perClient: number; perTarget: number }

/** Parses a "<per client>/<per target>" setting (validated by the config schema). */
export function parsePerMinute(setting: string): PerMinute {
  const [perClient, perTarget] = setting.split('/').map(Number);
  return { perClient: perClient ?? 0, perTarget: perTarget ?? 0 };
}

const perMinute = (count: number, clock?: { now(): number }, maxKeys = 10_000): RateLimiter =>
  new RateLimiter({ bucket: { capacity: count, refillPerSecond: count / 60 }, maxKeys, clock });

/** A pair of limiters: one keyed by who asks, one by what is asked about. */
export interface ScopedLimits {
  readonly client: RateLimiter;
  readonly target: RateLimiter;
}

/**
 * Deep-link token lookups (GET/POST /api/links/{token}): per client address and per token (default
 * 30 and 10 per minute). Tokens are 128+ bits, so this is about load, not guessing; a person opening
 * their link a few times never meets it, and nobody else's traffic can use up their allowance.
 */
export function linkLookupLimits(limits: PerMinute = { perClient: 30, perTarget: 10 }, clock?: { now(): number }): ScopedLimits {
  return { client: perMinute(limits.perClient, clock), target: perMinute(limits.perTarget, clock) };
}

/**
 * CancelMeeting (POST /api/meetings/{id}/cancel): `client` counts requests whose token fails, per
 * client address (junk cannot cost the real callers anything); `target` counts verified cancels per
 * meeting (default 20 and 10 per minute). Verified callers are never limited by anyone else's junk.
 */
export function cancelLimits(limits: PerMinute = { perClient: 20, perTarget: 10 }, clock?: { now(): number }): ScopedLimits {
  return { client: perMinute(limits.perClient, clock), target: perMinute(limits.perTarget, clock) };
}

/**
 * Template test sends (POST /api/templates/preview with `sendTo`), keyed by admin: 10 per hour per
 * admin with bursts of 10. Each one is a real message on a paid channel.
 */
export function testSendLimiter(clock?: { now(): number }): RateLimiter {
  return new RateLimiter({ bucket: { capacity: 10, refillPerSecond: 10 / 3600 }, maxKeys: 1_000, clock });
}

/** Made on first use, for limits that come from configuration (read lazily, not at import). */
export function lazily<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}
