import { KeyObject, sign, webcrypto } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { JoseTokenVerifier } from '../../../src/adapters/jose/token-verifier';
import { parseConfig } from '../../../src/config';
import { signToken, startJwksServer, testKey, type JwksServer, type TestKey } from '../../support/jwks-server';

// Issue [2/9]: JWT policy gaps. A future iat and a 100-year exp were accepted; crit was refused
// with a misleading reason.
const NOW = new Date('2026-06-01T12:00:00Z');
const now = Math.floor(NOW.getTime() / 1000);
const ISSUER = 'https://login.example.com/tenant/v2.0';
const AUDIENCE = 'api://meeting-communications';
const good = (extra: JWTPayload = {}): JWTPayload => ({ iss: ISSUER, aud: AUDIENCE, sub: 'user-1', iat: now - 10, exp: now + 3600, ...extra });

let rsa: TestKey;
let server: JwksServer;
beforeAll(async () => {
  rsa = await testKey('RS256');
  server = await startJwksServer([rsa]);
});
afterAll(() => server.close());

const verifier = (maxLifetimeSeconds?: number): JoseTokenVerifier =>
  new JoseTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUri: server.jwksUri, algorithms: ['RS256'], contactClaim: 'contactId', clock: { now: () => NOW }, ...(maxLifetimeSeconds ? { maxLifetimeSeconds } : {}) });
const reasonOf = async (token: string, maxLifetime?: number): Promise<string | undefined> => {
  const result = await verifier(maxLifetime).verify(`Bearer ${token}`);
  return result.ok ? undefined : result.reason;
};

describe('JWT policy', () => {
  test('an iat a year ahead is refused; within the skew it is fine', async () => {
    expect(await reasonOf(await signToken(rsa, good({ iat: now + 365 * 86_400, exp: now + 365 * 86_400 + 3600 })))).toMatch(/issued in the future/);
    expect(await reasonOf(await signToken(rsa, good({ iat: now + 30 })))).toBeUndefined();
  });

  test('a lifetime beyond the maximum (default 24 h) is refused, with or without iat', async () => {
    expect(await reasonOf(await signToken(rsa, good({ exp: now + 100 * 365 * 86_400 })))).toMatch(/lifetime exceeds the maximum of 86400 s/);
    expect(await reasonOf(await signToken(rsa, good({ iat: undefined, exp: now + 2 * 86_400 })))).toMatch(/lifetime exceeds/);
    expect(await reasonOf(await signToken(rsa, good({ exp: now + 23 * 3600 })))).toBeUndefined();
    expect(await reasonOf(await signToken(rsa, good({ exp: now + 2 * 3600 })), 3600)).toMatch(/maximum of 3600 s/);
  });

  test('a crit header is refused as such, not as an algorithm problem', async () => {
    // jose refuses to sign an unknown crit, so the token is put together by hand (RS256 = RSA PKCS#1 v1.5 over SHA-256).
    const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${part({ alg: 'RS256', kid: rsa.kid, typ: 'JWT', crit: ['exp-ext'], 'exp-ext': 1 })}.${part(good())}`;
    const key = rsa.privateKey instanceof KeyObject ? rsa.privateKey : KeyObject.from(rsa.privateKey as webcrypto.CryptoKey);
    const token = `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
    expect(await reasonOf(token)).toMatch(/critical header/);
  });

  test('JWT_MAX_LIFETIME reads 24h, 90m, 3600s and seconds; refuses nonsense, naming the variable', () => {
    const read = (value: string) => parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', JWT_MAX_LIFETIME: value }).JWT_MAX_LIFETIME;
    expect(read('24h')).toBe(86_400);
    expect(read('90m')).toBe(5_400);
    expect(read('3600s')).toBe(3_600);
    expect(read('7200')).toBe(7_200);
    expect(() => read('forever')).toThrow(/JWT_MAX_LIFETIME/);
    expect(() => read('10s')).toThrow(/at least 60 seconds/);
    expect(parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true' }).JWT_MAX_LIFETIME).toBe(86_400);
  });
});
