import { cancelLimits, clientAddress, linkLookupLimits, parsePerMinute, RateLimiter, tooManyRequests, type RateLimiterOptions } from '../../../src/http/rate-limit';

function fakeClock(start = 1_750_000_000_000): { now(): number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

function limiter(overrides: Partial<RateLimiterOptions> = {}): { limiter: RateLimiter; clock: ReturnType<typeof fakeClock> } {
  const clock = fakeClock();
  return { clock, limiter: new RateLimiter({ bucket: { capacity: 3, refillPerSecond: 1 / 20 }, maxKeys: 100, clock, ...overrides }) };
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

  test('refused requests take nothing; check() never takes', () => {
    const { limiter: l, clock } = limiter();
    for (let i = 0; i < 3; i++) expect(l.check('a').ok).toBe(true);
    for (let i = 0; i < 3; i++) expect(l.take('a').ok).toBe(true);
    expect(l.check('a')).toEqual({ ok: false, retryAfterSeconds: 20 });
    for (let i = 0; i < 10; i++) expect(l.take('a').ok).toBe(false);
    clock.advance(20_000);
    expect(l.take('a').ok).toBe(true);
  });

  test('no bucket is shared: a thousand busy clients leave a new one its full allowance', () => {
    const { limiter: l } = limiter({ maxKeys: 10_000 });
    for (let i = 0; i < 1_000; i++) for (let n = 0; n < 5; n++) l.take(`client-${i}`);
    for (let n = 0; n < 3; n++) expect(l.take('newcomer').ok).toBe(true);
  });

  test('memory is bounded: the least recently seen client is forgotten first', () => {
    const { limiter: l } = limiter({ maxKeys: 50 });
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
    [undefined, 1, 'unknown'],
    ['', 1, 'unknown'],
    ['203.0.113.5', 1, '203.0.113.5'],
    // What the client wrote stays left of what the front end appended: only the appended entry counts.
    ['1.1.1.1, 2.2.2.2, 203.0.113.5:52123', 1, '203.0.113.5'],
    ['spoofed, 203.0.113.5, 10.0.0.1', 2, '203.0.113.5'],
    ['203.0.113.5', 2, '203.0.113.5'],
    ['[2001:DB8::1]:443', 1, '2001:db8::1'],
    ['198.51.100.1, 2001:db8::1', 1, '2001:db8::1'],
  ])('clientAddress(x-forwarded-for %j, %i trusted hops) is %s', (xff, hops, expected) => {
    expect(clientAddress(headers(xff), hops)).toBe(expected);
  });
});

describe('429 responses', () => {
  test('tooManyRequests is problem+json with Retry-After in whole seconds', () => {
    const res = tooManyRequests(2.2);
    expect(res.status).toBe(429);
    expect(res.headers).toMatchObject({ 'content-type': 'application/problem+json; charset=utf-8', 'retry-after': '3' });
    expect(res.jsonBody).toMatchObject({ status: 429, title: 'Too Many Requests' });
  });
});

describe('ready-made limits', () => {
  test.each([
    ['linkLookupLimits', 30, 10, linkLookupLimits],
    ['cancelLimits', 20, 10, cancelLimits],
  ])('%s allow %i per minute per client and %i per target, each on its own', (_name, perClient, perTarget, make) => {
    const clock = fakeClock();
    const limits = make(undefined, clock);
    for (let i = 0; i < perClient; i++) expect(limits.client.take('client').ok).toBe(true);
    expect(limits.client.take('client')).toEqual({ ok: false, retryAfterSeconds: 60 / perClient });
    for (let i = 0; i < perTarget; i++) expect(limits.target.take('target').ok).toBe(true);
    expect(limits.target.take('target').ok).toBe(false);
    expect(limits.target.take('other-target').ok).toBe(true);
    clock.advance(60_000);
    for (let i = 0; i < perClient; i++) expect(limits.client.take('client').ok).toBe(true);
  });

  test('settings read as "<per client>/<per target>"', () => {
    expect(parsePerMinute('20/10')).toEqual({ perClient: 20, perTarget: 10 });
  });
});
