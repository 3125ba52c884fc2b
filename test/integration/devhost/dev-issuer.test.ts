import { decodeJwt, decodeProtectedHeader } from 'jose';
import { JoseTokenVerifier } from '../../../src/adapters/jose/token-verifier';
import { json, startDevhost, type DevhostProcess } from '../../support/devhost-process';

let host: DevhostProcess;
beforeAll(async () => {
  host = await startDevhost();
});
afterAll(async () => {
  expect(await host.stop()).toBe(0);
});

const token = (body: unknown): Promise<Response> => fetch(`${host.url}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const virtualNow = async (): Promise<Date> => new Date((await json<{ now: string }>(await fetch(`${host.url}/dev/clock`))).now);

/** A verifier configured as the app is under the devhost (JWT_ISSUER / JWT_JWKS_URI = "devhost"), on the virtual clock. */
function verifier(now: Date): JoseTokenVerifier {
  return new JoseTokenVerifier({ issuer: `${host.url}/dev/issuer`, audience: 'api://meeting-communications', jwksUri: `${host.url}/dev/jwks`, algorithms: ['RS256', 'ES256'], contactClaim: 'contactId', clock: { now: () => now } });
}

describe('devhost local issuer', () => {
  test('POST /dev/token gives a contact token that verifies against the devhost JWKS', async () => {
    const res = await token({ contactId: 'C-77' });
    expect(res.status).toBe(200);
    const body = await json<{ access_token: string; token_type: string; expires_in: number }>(res);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(decodeProtectedHeader(body.access_token)).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
    const result = await verifier(await virtualNow()).verify(`Bearer ${body.access_token}`);
    expect(result).toEqual({ ok: true, claims: { subject: 'dev-contact-C-77', contactId: 'C-77', roles: [] } });
  });

  test('a role token, with a subject and lifetime of choice', async () => {
    const body = await json<{ access_token: string; expires_in: number }>(await token({ roles: ['Meetings.Cancel'], subject: 'portal-app', expiresIn: 600 }));
    expect(body.expires_in).toBe(600);
    const claims = decodeJwt(body.access_token);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(600);
    const result = await verifier(await virtualNow()).verify(`Bearer ${body.access_token}`);
    expect(result).toEqual({ ok: true, claims: { subject: 'portal-app', contactId: null, roles: ['Meetings.Cancel'] } });
  });

  test('tokens follow the virtual clock: after POST /dev/clock they expire', async () => {
    const body = await json<{ access_token: string }>(await token({ contactId: 'C-77' }));
    const issuedAt = decodeJwt(body.access_token).iat ?? 0;
    expect(Math.abs(issuedAt * 1000 - (await virtualNow()).getTime())).toBeLessThan(5_000);
    expect((await fetch(`${host.url}/dev/clock`, { method: 'POST', body: JSON.stringify({ advance: 'PT2H' }) })).status).toBe(200);
    expect(await verifier(await virtualNow()).verify(`Bearer ${body.access_token}`)).toEqual({ ok: false, reason: 'token expired' });
    const fresh = await json<{ access_token: string }>(await token({ contactId: 'C-77' }));
    expect((await verifier(await virtualNow()).verify(`Bearer ${fresh.access_token}`)).ok).toBe(true);
  });

  test.each([
    [{}, 'contactId'],
    [{ contactId: '' }, 'contactId'],
    [{ roles: 'Meetings.Cancel' }, 'roles'],
    [{ contactId: 'C-77', expiresIn: 'soon' }, 'expiresIn'],
    [{ contactId: 'C-77', contactID: 'typo' }, 'contactID'],
  ])('a bad body %j is a 400 problem naming %s', async (body, field) => {
    const res = await token(body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await json<{ status: number; errors: Array<{ path: string }> }>(res);
    expect(problem.status).toBe(400);
    expect(problem.errors.map((e) => e.path)).toContain(field);
  });

  test('malformed JSON is a 400, and GET /dev/token a 405', async () => {
    expect((await fetch(`${host.url}/dev/token`, { method: 'POST', body: '{' })).status).toBe(400);
    expect((await fetch(`${host.url}/dev/token`)).status).toBe(405);
  });

  test('GET /dev/jwks publishes the public key only', async () => {
    const res = await fetch(`${host.url}/dev/jwks`);
    expect(res.status).toBe(200);
    const { keys } = await json<{ keys: Array<Record<string, unknown>> }>(res);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String), n: expect.any(String), e: 'AQAB' });
    for (const part of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(keys[0]).not.toHaveProperty(part);
  });

  test('the dev index lists the token page', async () => {
    const index = await json<{ dev: Record<string, string> }>(await fetch(`${host.url}/dev`));
    expect(index.dev.token).toBe(`${host.url}/dev/token`);
    expect(host.output()).toContain(`${host.url}/dev/token`);
  });
});
