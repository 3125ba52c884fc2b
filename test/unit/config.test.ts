import { ConfigError, parseConfig } from '../../src/config';

describe('configuration', () => {
  test('local defaults are enough', () => {
    expect(parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true' })).toMatchObject({ PUBLIC_BASE_URL: 'http://127.0.0.1:7071', ORGANISATION_NAME: 'Contoso' });
  });

  test.each([
    [{}, 'AzureWebJobsStorage'],
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
    for (const value of Object.values(env)) if (value !== 'x') expect((error as Error).message).not.toContain(value);
  });
});
