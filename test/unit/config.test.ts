import { ConfigError, parseConfig } from '../../src/config';

describe('configuration', () => {
  test('local defaults are enough', () => {
    expect(parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true' })).toMatchObject({ PUBLIC_BASE_URL: 'http://127.0.0.1:7071', ORGANISATION_NAME: 'Contoso' });
  });

  test('on Azure with a public URL and a link-token secret, the configuration holds', () => {
    expect(parseConfig({ AzureWebJobsStorage: 'x', WEBSITE_SITE_NAME: 'mc-prod', PUBLIC_BASE_URL: 'https://comms.contoso.com', LINK_TOKEN_SECRET: 'a-secret-of-at-least-32-characters-0123' })).toMatchObject({ PUBLIC_BASE_URL: 'https://comms.contoso.com' });
  });

  test('a missing required setting says what it needs', () => {
    expect(() => parseConfig({})).toThrow('AzureWebJobsStorage is required');
  });

  test('empty optional settings count as not set', () => {
    expect(parseConfig({ AzureWebJobsStorage: 'x', ACS_CONNECTION_STRING: '', ACS_SMS_FROM: ' ' }).ACS_SMS_FROM).toBeUndefined();
  });

  test.each([
    [{}, 'AzureWebJobsStorage'],
    [{ AzureWebJobsStorage: '' }, 'AzureWebJobsStorage'],
    [{ AzureWebJobsStorage: 'x', PUBLIC_BASE_URL: 'ftp://secret-host' }, 'PUBLIC_BASE_URL'],
    [{ AzureWebJobsStorage: 'x', ACS_SMS_FROM: '555-0100' }, 'ACS_SMS_FROM'],
    [{ AzureWebJobsStorage: 'x', ACS_EMAIL_SENDER: 'not-an-address' }, 'ACS_EMAIL_SENDER'],
    [{ AzureWebJobsStorage: 'x', LINK_TOKEN_SECRET: 'too-short-secret' }, 'LINK_TOKEN_SECRET'],
    [{ AzureWebJobsStorage: 'x', WEBSITE_SITE_NAME: 'mc-prod', PUBLIC_BASE_URL: 'https://comms.contoso.com' }, 'LINK_TOKEN_SECRET'],
  ])('%j is refused naming %s, never the value', (env, variable) => {
    let error: unknown;
    try {
      parseConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable)).toContain(variable);
    for (const value of Object.values(env)) if (value.length > 1) expect((error as Error).message).not.toContain(value);
  });
});
