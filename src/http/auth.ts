import { timingSafeEqual } from 'node:crypto';
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { AppDeps } from '../app/deps';
import type { Config } from '../config';
import { hasRole } from '../ports/token-verifier';
import { problem } from './problem';

function keyMatches(req: HttpRequest, config: Config): boolean {
  const expected = config.API_KEY;
  const given = req.headers.get('x-api-key') ?? '';
  return Boolean(expected) && given.length === (expected as string).length && timingSafeEqual(Buffer.from(given), Buffer.from(expected as string));
}

function unauthorized(detail: string): HttpResponseInit {
  const response = problem(401, 'Unauthorized', detail);
  return { ...response, headers: { ...(response.headers as Record<string, string>), 'www-authenticate': 'Bearer, ApiKey header="x-api-key"' } };
}

export type AdminCheck = { readonly ok: true; readonly by: string } | { readonly ok: false; readonly response: HttpResponseInit };

/**
 * Routes for flows and admins (meetings, settings, templates): an Entra ID bearer token carrying the
 * admin app role (JWT_ADMIN_ROLE, default Communications.Admin), or the API key (the connector's key
 * option; without a configured key, only tokens are accepted). `by` is the token's subject,
 * or "api-key", for audit fields.
 */
export async function requireAdmin(req: HttpRequest, deps: AppDeps): Promise<AdminCheck> {
  if (keyMatches(req, deps.config)) return { ok: true, by: 'api-key' };
  const authorization = req.headers.get('authorization');
  if (!authorization) return { ok: false, response: unauthorized('Send a bearer token with the admin role, or the API key in x-api-key.') };
  const verified = await deps.tokens.verify(authorization);
  if (!verified.ok) return { ok: false, response: unauthorized(`A valid bearer token is required (${verified.reason}).`) };
  if (!hasRole(verified.claims, deps.config.JWT_ADMIN_ROLE)) return { ok: false, response: problem(403, 'Forbidden', `The token lacks the ${deps.config.JWT_ADMIN_ROLE} role.`) };
  return { ok: true, by: verified.claims.subject };
}
