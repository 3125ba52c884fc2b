import { cancelLimiter, clientAddress, clientKey, linkLookupLimiter, rateLimit, RateLimiter, tooManyRequests, type RateLimiterOptions } from '../../../src/http/rate-limit';

function fakeClock(start = 1_750_000_000_000): { now(): number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

function limiter(overrides: Partial<RateLimiterOptions> = {}): { limiter: RateLimiter; clock: ReturnType<typeof fakeClock> } {
  const clock = fakeClock();
  return { clock, limiter: new RateLimiter({ perClient: { capacity: 3, refillPerSecond: 1 / 20 }, global: { capacity: 100, refillPerSecond: 1 }, maxClients: 100, clock, ...overrides }) };
}

const headers = (xff?: string): { get(name: string): string | null } => ({ get: (name) => (name === 'x-forwarded-for' ? (xff ?? null) : null) });

describe('RateLimiter', () => {
  test('a client gets its capacity, then is refused with Retry-After ≥ 1; other clients are unaffected', () => {
    const { limiter: l } = limiter();
    for (let i = 0; i < 3; i++) expect(l.take('1.2.3.4')).toEqual({ ok: true });
    const refused = l.take('1.2.3.4');
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 20 });
    expect(l.take('5.6.7.8')).toEqual({ ok: true });
  });

  test('the bucket refills as time passes (no sleeping: the clock is injected)', () => {
    const { limiter: l, clock } = limiter();
    for (let i = 0; i < 3; i++) l.take('a');
    expect(l.take('a').ok).toBe(false);
    clock.advance(19_000);
    expect(l.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    clock.advance(1_000);
    expect(l.take('a')).toEqual({ ok: true });
    expect(l.take('a').ok).toBe(false);
    // Never more than the capacity, however long the client was away.
    clock.advance(3_600_000);
    for (let i = 0; i < 3; i++) expect(l.take('a').ok).toBe(true);
    expect(l.take('a').ok).toBe(false);
  });

  test('the global bucket limits all clients together; refused requests take nothing', () => {
    const { limiter: l, clock } = limiter({ global: { capacity: 5, refillPerSecond: 0.5 } });
    for (let i = 0; i < 5; i++) expect(l.take(`client-${i}`).ok).toBe(true);
    expect(l.take('client-new')).toEqual({ ok: false, retryAfterSeconds: 2 });
    clock.advance(2_000);
    // The refused client's own bucket was not charged: it still has its full capacity after this one.
    expect(l.take('client-new').ok).toBe(true);
    expect(l.take('client-new').ok).toBe(false);
  });

  test('memory is bounded: the least recently seen client is forgotten first', () => {
    const { limiter: l } = limiter({ maxClients: 50 });
    for (let i = 0; i < 3; i++) l.take('busy');
    for (let i = 0; i < 1_000; i++) {
      l.take(`visitor-${i}`);
      if (i % 10 === 0) l.take('busy');
      expect(l.size).toBeLessThanOrEqual(50);
    }
    expect(l.size).toBe(50);
    // 'busy' was seen recently, so it was kept with its empty bucket.
    expect(l.take('busy').ok).toBe(false);
  });

  test('a very long key is cut to a bounded size', () => {
    const { limiter: l } = limiter();
    for (let i = 0; i < 3; i++) l.take(`${'x'.repeat(64)}${i}`);
    expect(l.take('x'.repeat(5_000)).ok).toBe(false);
    expect(l.size).toBe(1);
  });

  test.each([
    [undefined, 'unknown'],
    ['', 'unknown'],
    ['203.0.113.5', '203.0.113.5'],
    ['203.0.113.5:52123, 10.0.0.1', '203.0.113.5'],
    ['[2001:DB8::1]:443', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
  ])('clientAddress(x-forwarded-for %j) is %s', (xff, expected) => {
    expect(clientAddress(headers(xff))).toBe(expected);
    expect(clientKey({ headers: headers(xff) } as Parameters<typeof clientKey>[0])).toBe(expected);
  });
});

describe('429 responses', () => {
  test('tooManyRequests is problem+json with Retry-After in whole seconds', () => {
    const res = tooManyRequests(2.2);
    expect(res.status).toBe(429);
    expect(res.headers).toMatchObject({ 'content-type': 'application/problem+json; charset=utf-8', 'retry-after': '3' });
    expect(res.jsonBody).toMatchObject({ status: 429, title: 'Too Many Requests' });
  });

  test('rateLimit lets a request through or answers 429 for its caller', () => {
    const { limiter: l } = limiter();
    const req = { headers: headers('198.51.100.7:1000') } as Parameters<typeof rateLimit>[1];
    for (let i = 0; i < 3; i++) expect(rateLimit(l, req)).toBeUndefined();
    const res = rateLimit(l, req);
    expect(res?.status).toBe(429);
    expect(Number((res?.headers as Record<string, string>)['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});

describe('ready-made limiters', () => {
  test.each([
    ['linkLookupLimiter', 30, linkLookupLimiter],
    ['cancelLimiter', 20, cancelLimiter],
  ])('%s allows %i per minute per client, then refuses until tokens return', (_name, perMinute, make) => {
    const clock = fakeClock();
    const l = make(clock);
    for (let i = 0; i < perMinute; i++) expect(l.take('client').ok).toBe(true);
    expect(l.take('client')).toEqual({ ok: false, retryAfterSeconds: 60 / perMinute });
    clock.advance(60_000);
    for (let i = 0; i < perMinute; i++) expect(l.take('client').ok).toBe(true);
  });

  test('the global bucket allows 600 burst across clients', () => {
    const l = linkLookupLimiter(fakeClock());
    for (let i = 0; i < 600; i++) expect(l.take(`c${i}`).ok).toBe(true);
    expect(l.take('another').ok).toBe(false);
  });
});
