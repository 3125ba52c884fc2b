import type { TokenVerification, TokenVerifier, VerifiedClaims } from '../../src/ports/token-verifier';

/** A {@link TokenVerifier} that accepts exactly the Authorization headers a test registered. */
export class FakeTokenVerifier implements TokenVerifier {
  private readonly accepted = new Map<string, VerifiedClaims>();

  accept(authorization: string, claims: VerifiedClaims): this {
    this.accepted.set(authorization, claims);
    return this;
  }

  async verify(authorization: string | null): Promise<TokenVerification> {
    if (authorization === null) return { ok: false, reason: 'no Authorization header' };
    const claims = this.accepted.get(authorization);
    return claims ? { ok: true, claims } : { ok: false, reason: 'unknown token' };
  }
}
