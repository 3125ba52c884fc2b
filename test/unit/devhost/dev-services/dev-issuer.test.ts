import { createDevIssuer, useDevIssuer } from '../../../../devhost/dev-services/dev-issuer';

describe('useDevIssuer', () => {
  test('replaces the "devhost" literal with the local issuer URLs and leaves real settings alone', async () => {
    const issuer = await createDevIssuer('http://127.0.0.1:7071', { now: () => new Date() });
    const local: NodeJS.ProcessEnv = { JWT_ISSUER: 'devhost', JWT_JWKS_URI: 'devhost' };
    useDevIssuer(issuer, local);
    expect(local).toEqual({ JWT_ISSUER: 'http://127.0.0.1:7071/dev/issuer', JWT_JWKS_URI: 'http://127.0.0.1:7071/dev/jwks' });

    const entra: NodeJS.ProcessEnv = { JWT_ISSUER: 'https://login.microsoftonline.com/t/v2.0', JWT_JWKS_URI: 'https://login.microsoftonline.com/t/discovery/v2.0/keys' };
    useDevIssuer(issuer, entra);
    expect(entra).toEqual({ JWT_ISSUER: 'https://login.microsoftonline.com/t/v2.0', JWT_JWKS_URI: 'https://login.microsoftonline.com/t/discovery/v2.0/keys' });

    const unset: NodeJS.ProcessEnv = {};
    useDevIssuer(issuer, unset);
    expect(unset).toEqual({});
  });
});
