import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { z } from 'zod';
import { parseWith } from '../../src/adapters/devhost-hooks';
import { sendJson } from '../functions-host/http-bridge';

/** The literal in JWT_ISSUER / JWT_JWKS_URI that stands for this local issuer. */
export const DEVHOST_LITERAL = 'devhost';

const tokenRequest = z
  .strictObject({
    contactId: z.string().trim().min(1).max(100).optional(),
    roles: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
    subject: z.string().trim().min(1).max(200).optional(),
    /** Seconds; negative gives an already expired token (to try the 401). */
    expiresIn: z.int().min(-86_400).max(30 * 86_400).optional(),
  })
  .refine((b) => b.contactId !== undefined || b.roles !== undefined, { path: ['contactId'], message: 'is required unless "roles" is given' });

/**
 * The devhost's local token issuer: an RS256 key pair made at start-up (never stored, so tokens
 * die with the process), its public JWKS at GET /dev/jwks, and tokens at POST /dev/token.
 */
export interface DevIssuer {
  /** `${url}/dev/issuer`: the tokens' `iss`. */
  readonly issuer: string;
  /** `${url}/dev/jwks`. */
  readonly jwksUri: string;
  /** Serves /dev/token and /dev/jwks. */
  route(req: IncomingMessage, res: ServerResponse, pathname: string, body: Buffer): Promise<void>;
}

/** Makes the key pair; `clock` (the virtual clock) sets iat/exp so tokens age as the app's time does. */
export async function createDevIssuer(url: string, clock: { now(): Date }): Promise<DevIssuer> {
  const kid = randomUUID();
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } satisfies JWK] };
  const issuer = `${url}/dev/issuer`;
  return {
    issuer,
    jwksUri: `${url}/dev/jwks`,
    route: async (req, res, pathname, body) => {
      if (pathname === '/dev/jwks') {
        if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { message: 'Use GET.' }, { allow: 'GET' });
        return sendJson(res, 200, jwks, { 'cache-control': 'no-store' });
      }
      if (req.method !== 'POST') return sendJson(res, 405, { message: 'Use POST.' }, { allow: 'POST' });
      const parsed = parseBody(body);
      if (!parsed.ok) return sendJson(res, 400, { type: 'about:blank', title: 'Invalid token request', status: 400, detail: parsed.errors.map((e) => `${e.path} ${e.message}`.trim()).join('; '), errors: parsed.errors }, { 'content-type': 'application/problem+json' });
      const token = await sign(parsed.value, { issuer, kid, privateKey, now: clock.now() });
      sendJson(res, 200, token, { 'cache-control': 'no-store' });
    },
  };
}

/** Replaces the `devhost` literal in JWT_ISSUER / JWT_JWKS_URI with the local issuer's URLs (before the app reads its config). */
export function useDevIssuer(issuer: DevIssuer, env: NodeJS.ProcessEnv): void {
  if (env.JWT_ISSUER === DEVHOST_LITERAL) env.JWT_ISSUER = issuer.issuer;
  if (env.JWT_JWKS_URI === DEVHOST_LITERAL) env.JWT_JWKS_URI = issuer.jwksUri;
}

type TokenRequest = z.output<typeof tokenRequest>;
type Parsed = { ok: true; value: TokenRequest } | { ok: false; errors: ReadonlyArray<{ path: string; message: string }> };

function parseBody(body: Buffer): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8') || '{}');
  } catch {
    return { ok: false, errors: [{ path: '', message: 'The body is not valid JSON.' }] };
  }
  return parseWith(tokenRequest, json);
}

async function sign(request: TokenRequest, key: { issuer: string; kid: string; privateKey: KeyLike; now: Date }): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number }> {
  // Read at each request, like the app, so a test's environment applies.
  const audience = process.env.JWT_AUDIENCE?.trim() || 'api://meeting-communications';
  const contactClaim = process.env.JWT_CONTACT_CLAIM?.trim() || 'contactId';
  const expiresIn = request.expiresIn ?? 3600;
  const iat = Math.floor(key.now.getTime() / 1000);
  const claims = { ...(request.contactId !== undefined ? { [contactClaim]: request.contactId } : {}), ...(request.roles !== undefined ? { roles: request.roles } : {}) };
  const accessToken = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setIssuer(key.issuer)
    .setAudience(audience)
    .setSubject(request.subject ?? (request.contactId !== undefined ? `dev-contact-${request.contactId}` : 'dev-app'))
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + expiresIn)
    .setJti(randomUUID())
    .sign(key.privateKey);
  return { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn };
}
