/** What a verified bearer token says about its caller. */
export interface VerifiedClaims {
  /** The token's `sub`: the signed-in user or calling application. */
  subject: string;
  /** The contact the caller is, from the configured contact claim (JWT_CONTACT_CLAIM); null when absent. */
  contactId: string | null;
  /** App roles granted to the caller (the `roles` claim, as Entra ID issues them). */
  roles: string[];
}

/** The outcome of verifying an Authorization header. A refusal's reason never contains the token. */
export type TokenVerification = { ok: true; claims: VerifiedClaims } | { ok: false; reason: string };

/** Verifies `Authorization: Bearer <JWT>` headers (signature, issuer, audience, algorithm, expiry). */
export interface TokenVerifier {
  /** Verifies the raw Authorization header value (null when the request has none). Never throws. */
  verify(authorization: string | null): Promise<TokenVerification>;
}

/** True when the verified caller holds the app role `role` (exact, case-sensitive, as Entra sends it). */
export function hasRole(claims: VerifiedClaims, role: string): boolean {
  return claims.roles.includes(role);
}
