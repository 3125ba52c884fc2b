import { ConfigError, parseConfig } from '../../src/config';

const base = { AzureWebJobsStorage: 'UseDevelopmentStorage=true' };
const entra = { JWT_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0', JWT_JWKS_URI: 'https://login.microsoftonline.com/tenant-id/discovery/v2.0/keys' };

function problems(env: Record<string, string>): ConfigError {
  try {
    parseConfig({ ...base, ...env });
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('JWT configuration', () => {
  test('unset: token validation is not configured, and the defaults apply', () => {
    const config = parseConfig(base);
    expect(config.JWT_ISSUER).toBeUndefined();
    expect(config.JWT_JWKS_URI).toBeUndefined();
    expect(config).toMatchObject({
      JWT_AUDIENCE: 'api://meeting-communications',
      JWT_CONTACT_CLAIM: 'contactId',
      JWT_ALGORITHMS: ['RS256', 'ES256'],
      JWT_CANCEL_ROLE: 'Meetings.Cancel',
      JWT_ADMIN_ROLE: 'Communications.Admin',
    });
  });

  test('an Entra ID configuration', () => {
    const config = parseConfig({ ...base, ...entra, JWT_CONTACT_CLAIM: 'extension_ContactId', JWT_ALGORITHMS: ' RS256 , PS256,RS256' });
    expect(config).toMatchObject({ ...entra, JWT_CONTACT_CLAIM: 'extension_ContactId', JWT_ALGORITHMS: ['RS256', 'PS256'] });
  });

  test.each(['http://127.0.0.1:7071/dev/jwks', 'http://localhost:7071/dev/jwks', 'http://[::1]:7071/dev/jwks'])('an http JWKS on loopback is allowed: %s', (uri) => {
    expect(parseConfig({ ...base, ...entra, JWT_JWKS_URI: uri }).JWT_JWKS_URI).toBe(uri);
  });

  test('the "devhost" literal is refused outside the devhost, naming the variable and saying why', () => {
    const error = problems({ JWT_ISSUER: 'devhost', JWT_JWKS_URI: 'devhost' });
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['JWT_ISSUER', 'JWT_JWKS_URI']);
    expect(error.message).toMatch(/JWT_ISSUER is "devhost", but the local issuer exists only on the devhost/);
  });

  test.each([
    [{ ...entra, JWT_JWKS_URI: 'http://keys.example.com/jwks' }, 'JWT_JWKS_URI', /must use https/],
    [{ ...entra, JWT_JWKS_URI: 'http://127.0.0.1.evil.example/jwks' }, 'JWT_JWKS_URI', /must use https/],
    [{ ...entra, JWT_JWKS_URI: 'ftp://keys.example.com/jwks' }, 'JWT_JWKS_URI', /https URL/],
    [{ ...entra, JWT_ISSUER: 'not a url' }, 'JWT_ISSUER', /issuer URL/],
    [{ JWT_ALGORITHMS: 'RS256,HS256' }, 'JWT_ALGORITHMS', /never HS\* or none/],
    [{ JWT_ALGORITHMS: 'none' }, 'JWT_ALGORITHMS', /never HS\* or none/],
    [{ JWT_ALGORITHMS: ',' }, 'JWT_ALGORITHMS', /at least one/],
    [{ JWT_ISSUER: entra.JWT_ISSUER }, 'JWT_JWKS_URI', /required when JWT_ISSUER is set/],
    [{ JWT_JWKS_URI: entra.JWT_JWKS_URI }, 'JWT_ISSUER', /required when JWT_JWKS_URI is set/],
  ])('%j is refused naming %s, never the value', (env, variable, message) => {
    const error = problems(env);
    const problem = error.problems.find((p) => p.variable === variable);
    expect(problem?.message).toMatch(message);
    for (const value of Object.values(env)) if (value.length > 6) expect(error.message).not.toContain(value);
  });
});

describe('Event Grid token configuration (EVENTS_AUDIENCE)', () => {
  const events = { EVENTS_AUDIENCE: 'api://meeting-communications-events', EVENTS_ISSUER: 'https://login.microsoftonline.com/t/v2.0, https://sts.windows.net/t/', EVENTS_JWKS_URI: 'https://login.microsoftonline.com/t/discovery/v2.0/keys' };

  test('unset by default; set, the issuers are a list (v2 and v1)', () => {
    expect(parseConfig(base).EVENTS_AUDIENCE).toBeUndefined();
    expect(parseConfig({ ...base, ...events }).EVENTS_ISSUER).toEqual(['https://login.microsoftonline.com/t/v2.0', 'https://sts.windows.net/t/']);
  });

  test.each([
    [{ EVENTS_AUDIENCE: events.EVENTS_AUDIENCE }, ['EVENTS_ISSUER', 'EVENTS_JWKS_URI'], /is required when EVENTS_AUDIENCE is set/],
    [{ EVENTS_ISSUER: events.EVENTS_ISSUER }, ['EVENTS_ISSUER'], /has no effect without EVENTS_AUDIENCE/],
    [{ ...events, EVENTS_JWKS_URI: 'http://keys.example.com/jwks' }, ['EVENTS_JWKS_URI'], /must use https/],
    [{ ...events, EVENTS_ISSUER: 'not a url' }, ['EVENTS_ISSUER'], /issuer URLs/],
  ])('%j is refused, naming the variables', (env, variables, message) => {
    const error = problems(env);
    expect(error.problems.map((p) => p.variable).sort()).toEqual(variables);
    expect(error.problems[0]?.message).toMatch(message);
  });
});
