import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Config } from '../../config';
import type { Clock } from '../../ports/clock';
import type { TokenVerification, TokenVerifier, VerifiedClaims } from '../../ports/token-verifier';

export { hasRole } from '../../ports/token-verifier';

/** Seconds of clock skew allowed on `exp` and `nbf`. */
const CLOCK_TOLERANCE_SECONDS = 60;
/** Tokens that claim to live longer are refused (JWT_MAX_LIFETIME): Entra access tokens live 1–24 h. */
export const DEFAULT_MAX_LIFETIME_SECONDS = 24 * 3600;
/** Longer headers are refused unread: real access tokens are a few KB. */
const MAX_HEADER_LENGTH = 16 * 1024;
const BEARER = /^bearer +([A-Za-z0-9_.~+/=-]+)$/i;

export interface JoseTokenVerifierOptions {
  /** The expected `iss` (or any of several: Entra's v1 and v2 issuers of one tenant). */
  issuer: string | readonly string[];
  /** The expected `aud` (one of the token's audiences). */
  audience: string;
  /** The issuer's JWKS (https, or http on loopback). */
  jwksUri: string;
  /** Accepted `alg` values; the config only allows asymmetric ones. */
  algorithms: readonly string[];
  /** The claim holding the contactId (e.g. `contactId`, `extension_ContactId`). */
  contactClaim: string;
  /** Where "now" comes from for exp/nbf (the devhost's virtual clock locally). */
  clock: Pick<Clock, 'now'>;
  /** Longest lifetime a token may claim (`exp` − `iat`, or `exp` − now without `iat`), in seconds (default 24 h). */
  maxLifetimeSeconds?: number;
  /** Minimum time between two JWKS fetches caused by an unknown `kid` (default 30 s). */
  cooldownMs?: number;
  /** Keys older than this are refetched on the next verification (default 10 min). */
  cacheMaxAgeMs?: number;
  /** Time limit of one JWKS request (default 5 s). */
  timeoutMs?: number;
}

/**
 * Verifies bearer JWTs with jose against a remote JWKS. The key set is cached; a token signed with
 * an unknown `kid` triggers one refetch (key rotation), at most once per cooldown, so forged kids
 * cannot make us hammer the issuer.
 */
export class JoseTokenVerifier implements TokenVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly options: JoseTokenVerifierOptions) {
    this.keys = createRemoteJWKSet(new URL(options.jwksUri), {
      cooldownDuration: options.cooldownMs ?? 30_000,
      cacheMaxAge: options.cacheMaxAgeMs ?? 600_000,
      timeoutDuration: options.timeoutMs ?? 5_000,
    });
  }

  async verify(authorization: string | null): Promise<TokenVerification> {
    const token = bearerToken(authorization);
    if (!token.ok) return token;
    const header = criticalHeader(token.value);
    if (header !== undefined) return { ok: false, reason: header };
    try {
      const { payload } = await jwtVerify(token.value, this.keys, {
        issuer: typeof this.options.issuer === 'string' ? this.options.issuer : [...this.options.issuer],
        audience: this.options.audience,
        algorithms: [...this.options.algorithms],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp'],
        currentDate: this.options.clock.now(),
      });
      const lifetime = lifetimeProblem(payload, this.options.clock.now(), this.options.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS);
      if (lifetime !== undefined) return { ok: false, reason: lifetime };
      return toClaims(payload, this.options.contactClaim);
    } catch (err) {
      return { ok: false, reason: refusal(err) };
    }
  }
}

/** The verifier used when JWT_ISSUER / JWT_JWKS_URI are not set: it refuses every token, saying why. */
export const notConfiguredVerifier: TokenVerifier = {
  verify: async () => ({ ok: false, reason: 'token validation is not configured (JWT_ISSUER and JWT_JWKS_URI are not set)' }),
};

/** The app's verifier from its configuration: jose over the configured JWKS, or `notConfiguredVerifier`. */
export function tokenVerifierFromConfig(config: Config, clock: Pick<Clock, 'now'>): TokenVerifier {
  if (!config.JWT_ISSUER || !config.JWT_JWKS_URI) return notConfiguredVerifier;
  return new JoseTokenVerifier({
    issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, jwksUri: config.JWT_JWKS_URI, algorithms: config.JWT_ALGORITHMS, contactClaim: config.JWT_CONTACT_CLAIM, clock, maxLifetimeSeconds: config.JWT_MAX_LIFETIME,
  });
}

/** Refuses every token: Event Grid tokens are not configured (EVENTS_AUDIENCE is not set), so none is asked for. */
const eventsNotConfigured: TokenVerifier = {
  verify: async () => ({ ok: false, reason: 'Event Grid token validation is not configured (EVENTS_AUDIENCE is not set)' }),
};

/**
 * The verifier of the bearer tokens Event Grid sends with secure webhook delivery (audience
 * EVENTS_AUDIENCE, issuers EVENTS_ISSUER, keys EVENTS_JWKS_URI): the same checks as portal tokens,
 * its own issuer, audience and key set.
 */
export function eventsTokenVerifierFromConfig(config: Config, clock: Pick<Clock, 'now'>): TokenVerifier {
  if (!config.EVENTS_AUDIENCE || !config.EVENTS_ISSUER || !config.EVENTS_JWKS_URI) return eventsNotConfigured;
  return new JoseTokenVerifier({
    issuer: config.EVENTS_ISSUER, audience: config.EVENTS_AUDIENCE, jwksUri: config.EVENTS_JWKS_URI, algorithms: config.JWT_ALGORITHMS, contactClaim: config.JWT_CONTACT_CLAIM, clock, maxLifetimeSeconds: config.JWT_MAX_LIFETIME,
  });
}

/** The token of `Bearer <token>` (scheme case-insensitive, exactly one token). */
function bearerToken(authorization: string | null): { ok: true; value: string } | { ok: false; reason: string } {
  if (authorization === null || authorization.trim() === '') return { ok: false, reason: 'missing Authorization header' };
  if (authorization.length > MAX_HEADER_LENGTH) return { ok: false, reason: 'Authorization header too long' };
  const match = BEARER.exec(authorization.trim());
  if (match?.[1]) return { ok: true, value: match[1] };
  return { ok: false, reason: /^bearer(\s|$)/i.test(authorization.trim()) ? 'malformed bearer token' : 'Authorization scheme must be Bearer' };
}

/**
 * A `crit` header lists extensions the verifier must understand; we understand none, so such a token
 * is refused, saying so (jose would report it as an unsupported algorithm). Undefined when fine or
 * when the header is unreadable (jose reports that as malformed).
 */
function criticalHeader(token: string): string | undefined {
  try {
    return decodeProtectedHeader(token).crit === undefined ? undefined : 'token has critical header extensions ("crit") this service does not support';
  } catch {
    return undefined;
  }
}

/** A token issued in the future (beyond the clock skew) or claiming to live longer than allowed. */
function lifetimeProblem(payload: JWTPayload, now: Date, maxLifetimeSeconds: number): string | undefined {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (typeof payload.iat === 'number' && payload.iat > nowSeconds + CLOCK_TOLERANCE_SECONDS) return 'token issued in the future ("iat")';
  const from = typeof payload.iat === 'number' ? payload.iat : nowSeconds;
  if (typeof payload.exp === 'number' && payload.exp - from > maxLifetimeSeconds + CLOCK_TOLERANCE_SECONDS) return `token lifetime exceeds the maximum of ${maxLifetimeSeconds} s (JWT_MAX_LIFETIME)`;
  return undefined;
}

function toClaims(payload: JWTPayload, contactClaim: string): TokenVerification {
  if (typeof payload.sub !== 'string' || payload.sub === '') return { ok: false, reason: 'token has no "sub" claim' };
  const contact = payload[contactClaim];
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
  const claims: VerifiedClaims = { subject: payload.sub, contactId: typeof contact === 'string' && contact !== '' ? contact : null, roles };
  return { ok: true, claims };
}

/** A short reason for a refusal, built from the error's type only: never the token or its claims. */
function refusal(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'token expired';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.reason === 'missing') return `token has no "${err.claim}" claim`;
    if (err.claim === 'iss') return 'unexpected issuer';
    if (err.claim === 'aud') return 'unexpected audience';
    if (err.claim === 'nbf') return 'token not yet valid';
    return `invalid "${err.claim}" claim`;
  }
  if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) return 'token algorithm not allowed';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'invalid token signature';
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) return 'no matching signing key';
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return 'malformed token';
  // Plain JOSEErrors come from the JWKS fetch (non-200, not JSON); other throws are network errors.
  if (err instanceof errors.JOSEError && err.code !== 'ERR_JOSE_GENERIC' && !(err instanceof errors.JWKSTimeout) && !(err instanceof errors.JWKSInvalid)) return 'invalid token';
  return 'signing keys unavailable';
}
