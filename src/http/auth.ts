import { createHash, timingSafeEqual } from 'node:crypto';
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { AppDeps } from '../app/deps';
import type { Config } from '../config';
import { hasRole, type VerifiedClaims } from '../ports/token-verifier';
import { problem } from './problem';

/**
 * Who may call what (API.md "Who may call what"), decided here for every route, with one wording:
 * 401 "A valid bearer token is required (<reason>)." when no acceptable credential came, 403 "The
 * token lacks <what>." when a valid token does not allow the call.
 */
export type AuthDeps = Pick<AppDeps, 'config' | 'tokens'>;

/**
 * Compares digests, not the keys: equal-length buffers whatever the given key holds (a non-ASCII key
 * of the right length in characters is longer in bytes), and a comparison whose time says nothing of
 * the expected key's length or content.
 */
function secretMatches(given: string | null, expected: string | undefined): boolean {
  if (!expected) return false;
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given ?? ''), digest(expected));
}

const keyMatches = (req: HttpRequest, config: Config): boolean => secretMatches(req.headers.get('x-api-key'), config.API_KEY);

function unauthorized(detail: string, challenge: string): HttpResponseInit {
  const response = problem(401, 'Unauthorized', detail);
  return { ...response, headers: { ...(response.headers as Record<string, string>), 'www-authenticate': challenge } };
}

const ADMIN_CHALLENGE = 'Bearer, ApiKey header="x-api-key"';
const TOKEN_CHALLENGE = 'Bearer error="invalid_token"';
const invalidToken = (reason: string, challenge: string): HttpResponseInit => unauthorized(`A valid bearer token is required (${reason}).`, challenge);
const forbidden = (lacks: string): HttpResponseInit => problem(403, 'Forbidden', `The token lacks ${lacks}.`);

export type AdminCheck = { readonly ok: true; readonly by: string } | { readonly ok: false; readonly response: HttpResponseInit };

/**
 * Routes for flows and admins (meetings, settings, templates): an Entra ID bearer token carrying the
 * admin app role (JWT_ADMIN_ROLE, default Communications.Admin), or the API key (the connector's key
 * option; without a configured key, only tokens are accepted). `by` is the token's subject,
 * or "api-key", for audit fields.
 */
export async function requireAdmin(req: HttpRequest, deps: AuthDeps): Promise<AdminCheck> {
  if (keyMatches(req, deps.config)) return { ok: true, by: 'api-key' };
  const authorization = req.headers.get('authorization');
  if (!authorization) return { ok: false, response: unauthorized('Send a bearer token with the admin role, or the API key in x-api-key.', ADMIN_CHALLENGE) };
  const verified = await deps.tokens.verify(authorization);
  if (!verified.ok) return { ok: false, response: invalidToken(verified.reason, ADMIN_CHALLENGE) };
  if (!hasRole(verified.claims, deps.config.JWT_ADMIN_ROLE)) return { ok: false, response: forbidden(`the ${deps.config.JWT_ADMIN_ROLE} role`) };
  return { ok: true, by: verified.claims.subject };
}

/**
 * {@link requireAdmin}, also taking the API key as `Authorization: Key <API_KEY>`: the scheme IVRs
 * already send to Adereso's deflection service (API.md "IVR deflection to WhatsApp"), so they switch
 * by changing the URL. A wrong key in that scheme is a 401 like a wrong `x-api-key`.
 */
export async function requireAdminOrKeyScheme(req: HttpRequest, deps: AuthDeps): Promise<AdminCheck> {
  const authorization = req.headers.get('authorization') ?? '';
  const scheme = /^Key\s+(.+)$/i.exec(authorization.trim());
  if (!scheme) return requireAdmin(req, deps);
  if (secretMatches(scheme[1] ?? '', deps.config.API_KEY) || keyMatches(req, deps.config)) return { ok: true, by: 'api-key' };
  return { ok: false, response: unauthorized('The key in "Authorization: Key …" is not the API key.', `${ADMIN_CHALLENGE}, Key`) };
}

export type ContactCheck = { readonly ok: true; readonly claims: VerifiedClaims } | { readonly ok: false; readonly response: HttpResponseInit };

/**
 * Customer routes acting for one contact (CancelMeeting from a portal): a bearer token whose contact
 * claim (JWT_CONTACT_CLAIM) is that contact, or that carries the portal's app role (JWT_CANCEL_ROLE,
 * a portal acting for a signed-in contact). Ownership of the meeting is the use case's check.
 */
export async function requireContact(req: HttpRequest, deps: AuthDeps, contactId: string): Promise<ContactCheck> {
  const verified = await deps.tokens.verify(req.headers.get('authorization'));
  if (!verified.ok) return { ok: false, response: invalidToken(verified.reason, TOKEN_CHALLENGE) };
  const { claims } = verified;
  if (claims.contactId !== contactId && !hasRole(claims, deps.config.JWT_CANCEL_ROLE)) {
    return { ok: false, response: forbidden(`this contact (or the ${deps.config.JWT_CANCEL_ROLE} role)`) };
  }
  return { ok: true, claims };
}

/**
 * Azure's callbacks (`/api/events/*`): the shared secret EVENTS_KEY in the query parameter `key`, which
 * Event Grid sends as part of the subscription's endpoint URL. Checked before the body is read; without a
 * configured key every delivery is refused. The OPTIONS handshake takes this alone; deliveries take
 * {@link requireEventsCredentials}.
 */
export function requireEventsKey(req: HttpRequest, config: Pick<Config, 'EVENTS_KEY'>): { readonly ok: true } | { readonly ok: false; readonly response: HttpResponseInit } {
  if (secretMatches(req.query.get('key'), config.EVENTS_KEY)) return { ok: true };
  return { ok: false, response: problem(401, 'Unauthorized', 'Send the events key as the query parameter key (the Event Grid subscription\'s endpoint URL carries it).') };
}

export type EventsAuthDeps = Pick<AppDeps, 'config' | 'eventsTokens'>;

/**
 * A delivery to the events webhook: the key always, and with EVENTS_AUDIENCE set also the Entra ID
 * bearer token Event Grid sends for secure webhook delivery (its audience, issuer, signature, expiry;
 * the app role EVENTS_ROLE when set). Both, not either: the key in a leaked URL is not enough, and
 * a token any app of the tenant may get for the audience is not either. Checked before the body is read.
 */
export async function requireEventsCredentials(req: HttpRequest, deps: EventsAuthDeps): Promise<{ readonly ok: true } | { readonly ok: false; readonly response: HttpResponseInit }> {
  const key = requireEventsKey(req, deps.config);
  if (!key.ok || !deps.config.EVENTS_AUDIENCE) return key;
  const verified = await deps.eventsTokens.verify(req.headers.get('authorization'));
  if (!verified.ok) return { ok: false, response: invalidToken(verified.reason, TOKEN_CHALLENGE) };
  const role = deps.config.EVENTS_ROLE;
  if (role !== undefined && !hasRole(verified.claims, role)) return { ok: false, response: forbidden(`the ${role} role`) };
  return { ok: true };
}
