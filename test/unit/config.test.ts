import { ConfigError, parseConfig } from '../../src/config';

describe('configuration', () => {
  test('local defaults are enough', () => {
    expect(parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true' })).toMatchObject({ PUBLIC_BASE_URL: 'http://127.0.0.1:7071', ORGANISATION_NAME: 'Contoso' });
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
