import { exportSPKI, SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { hasRole, JoseTokenVerifier, notConfiguredVerifier, type JoseTokenVerifierOptions } from '../../../src/adapters/jose/token-verifier';
import { signToken, startJwksServer, testKey, type JwksServer, type TestKey } from '../../support/jwks-server';

const NOW = new Date('2026-06-01T12:00:00Z');
const now = Math.floor(NOW.getTime() / 1000);
const ISSUER = 'https://login.example.com/tenant/v2.0';
const AUDIENCE = 'api://meeting-communications';
const good = (extra: JWTPayload = {}): JWTPayload => ({ iss: ISSUER, aud: AUDIENCE, sub: 'user-1', iat: now - 10, exp: now + 3600, contactId: 'C-77', ...extra });

let rsa: TestKey;
let ec: TestKey;
let server: JwksServer;
beforeAll(async () => {
  [rsa, ec] = await Promise.all([testKey('RS256'), testKey('ES256')]);
  server = await startJwksServer([rsa, ec]);
});
afterAll(() => server.close());

function verifier(options: Partial<JoseTokenVerifierOptions> = {}): JoseTokenVerifier {
  return new JoseTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUri: server.jwksUri, algorithms: ['RS256', 'ES256'], contactClaim: 'contactId', clock: { now: () => NOW }, ...options });
}

describe('JoseTokenVerifier accepts', () => {
  test('a valid RS256 token, mapping subject, contact claim and roles', async () => {
    const token = await signToken(rsa, good({ roles: ['Meetings.Cancel', 7] }));
    const result = await verifier().verify(`Bearer ${token}`);
    expect(result).toEqual({ ok: true, claims: { subject: 'user-1', contactId: 'C-77', roles: ['Meetings.Cancel'] } });
    expect(result.ok && hasRole(result.claims, 'Meetings.Cancel')).toBe(true);
    expect(result.ok && hasRole(result.claims, 'meetings.cancel')).toBe(false);
  });

  test('a valid ES256 token with a configurable contact claim (Entra External ID)', async () => {
    const token = await signToken(ec, good({ contactId: undefined, extension_ContactId: 'C-88' }));
    const result = await verifier({ contactClaim: 'extension_ContactId' }).verify(`bearer ${token}`);
    expect(result).toEqual({ ok: true, claims: { subject: 'user-1', contactId: 'C-88', roles: [] } });
  });

  test('a token without the contact claim, and a scheme in any case', async () => {
    const token = await signToken(rsa, good({ contactId: undefined, roles: 'not-a-list' }));
    expect(await verifier().verify(`BEARER ${token}`)).toEqual({ ok: true, claims: { subject: 'user-1', contactId: null, roles: [] } });
  });

  test('a token expired less than 60 s ago (clock skew)', async () => {
    expect((await verifier().verify(`Bearer ${await signToken(rsa, good({ exp: now - 30 }))}`)).ok).toBe(true);
  });
});

describe('JoseTokenVerifier refuses', () => {
  const cases: Array<[string, () => Promise<string | null>, RegExp]> = [
    ['alg none (unsigned)', async () => `Bearer ${new UnsecuredJWT(good()).encode()}`, /algorithm not allowed/],
    ['HS256 signed with the public key as the HMAC secret', async () => {
      const secret = new TextEncoder().encode(await exportSPKI(rsa.publicKey));
      return `Bearer ${await new SignJWT(good()).setProtectedHeader({ alg: 'HS256', kid: rsa.kid }).sign(secret)}`;
    }, /algorithm not allowed/],
    ['an allowed algorithm the JWKS has no key for', async () => `Bearer ${await signToken(rsa, good(), { kid: ec.kid })}`, /no matching signing key/],
    ['a wrong issuer', async () => `Bearer ${await signToken(rsa, good({ iss: 'https://evil.example.com/' }))}`, /unexpected issuer/],
    ['a wrong audience', async () => `Bearer ${await signToken(rsa, good({ aud: 'api://someone-else' }))}`, /unexpected audience/],
    ['an expired token (beyond the 60 s skew)', async () => `Bearer ${await signToken(rsa, good({ exp: now - 61 }))}`, /expired/],
    ['a token not yet valid (nbf beyond the skew)', async () => `Bearer ${await signToken(rsa, good({ nbf: now + 120 }))}`, /not yet valid/],
    ['a token without exp', async () => `Bearer ${await signToken(rsa, good({ exp: undefined }))}`, /no "exp" claim/],
    ['a token without sub', async () => `Bearer ${await signToken(rsa, good({ sub: undefined }))}`, /no "sub" claim/],
    ['a tampered payload', async () => {
      const [h, , s] = (await signToken(rsa, good())).split('.');
      return `Bearer ${h}.${Buffer.from(JSON.stringify(good({ contactId: 'C-99' }))).toString('base64url')}.${s}`;
    }, /invalid token signature/],
    ['a malformed header', async () => `Bearer ${Buffer.from('{"alg":').toString('base64url')}.e30.c2ln`, /malformed token/],
    ['garbage', async () => 'Bearer not-a-jwt-at-all', /malformed token/],
    ['two tokens', async () => `Bearer ${await signToken(rsa, good())} extra`, /malformed bearer token/],
    ['the Basic scheme', async () => `Basic ${Buffer.from('user:password').toString('base64')}`, /scheme must be Bearer/],
    ['a bare token without scheme', async () => signToken(rsa, good()), /scheme must be Bearer/],
    ['an empty header', async () => '', /missing Authorization/],
    ['no header', async () => null, /missing Authorization/],
  ];

  test.each(cases)('%s', async (_name, header, reason) => {
    const authorization = await header();
    const result = await verifier().verify(authorization);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(reason);
    expect(result.reason.length).toBeLessThan(80);
    // Never the token, nor any part of it.
    for (const part of (authorization ?? '').split(/[ .]/)) if (part.length > 8) expect(result.reason).not.toContain(part);
  });

  test('everything when validation is not configured', async () => {
    const result = await notConfiguredVerifier.verify(`Bearer ${await signToken(rsa, good())}`);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/not configured/) });
  });
});

describe('JWKS caching and key rotation', () => {
  test('an unknown kid causes exactly one refetch per cooldown, then is refused', async () => {
    const jwks = await startJwksServer([rsa]);
    try {
      const v = verifier({ jwksUri: jwks.jwksUri, cooldownMs: 200 });
      expect((await v.verify(`Bearer ${await signToken(rsa, good())}`)).ok).toBe(true);
      expect(jwks.fetches).toBe(1);
      const stranger = `Bearer ${await signToken(rsa, good(), { kid: 'unknown-kid' })}`;
      // Within the cooldown: no fetch at all, whatever the kid.
      expect(await v.verify(stranger)).toEqual({ ok: false, reason: 'no matching signing key' });
      expect(jwks.fetches).toBe(1);
      await new Promise((r) => setTimeout(r, 250));
      expect(await v.verify(stranger)).toEqual({ ok: false, reason: 'no matching signing key' });
      expect(jwks.fetches).toBe(2);
      expect(await v.verify(stranger)).toEqual({ ok: false, reason: 'no matching signing key' });
      expect(jwks.fetches).toBe(2);
      // Known keys keep working from the cache.
      expect((await v.verify(`Bearer ${await signToken(rsa, good())}`)).ok).toBe(true);
      expect(jwks.fetches).toBe(2);
    } finally {
      await jwks.close();
    }
  });

  test('a rotated key is picked up by the refetch an unknown kid causes', async () => {
    const jwks = await startJwksServer([rsa]);
    try {
      const v = verifier({ jwksUri: jwks.jwksUri, cooldownMs: 0 });
      expect((await v.verify(`Bearer ${await signToken(rsa, good())}`)).ok).toBe(true);
      const next = await testKey('RS256');
      jwks.setKeys([next]);
      const result = await v.verify(`Bearer ${await signToken(next, good({ sub: 'user-2' }))}`);
      expect(result).toMatchObject({ ok: true, claims: { subject: 'user-2' } });
      expect(jwks.fetches).toBe(2);
    } finally {
      await jwks.close();
    }
  });

  test('an unreachable JWKS refuses with a reason, never throws', async () => {
    const jwks = await startJwksServer([rsa]);
    await jwks.close();
    const result = await verifier({ jwksUri: jwks.jwksUri }).verify(`Bearer ${await signToken(rsa, good())}`);
    expect(result).toEqual({ ok: false, reason: 'signing keys unavailable' });
  });
});
