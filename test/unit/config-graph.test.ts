import { ConfigError, parseConfig } from '../../src/config';

const base = { AzureWebJobsStorage: 'UseDevelopmentStorage=true' };
const graph = { GRAPH_TENANT_ID: 'contoso.onmicrosoft.com', GRAPH_CLIENT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', GRAPH_CLIENT_SECRET: 's3cret-value' };

function problems(env: Record<string, string>): Array<{ variable: string; message: string }> {
  try {
    parseConfig({ ...base, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('Microsoft Graph settings', () => {
  test('defaults: the public cloud, a 5-minute wait for the join link, everyone bypasses the lobby, nothing saved to Sent Items', () => {
    expect(parseConfig(base)).toMatchObject({
      GRAPH_AUTHORITY_HOST: 'https://login.microsoftonline.com', GRAPH_BASE_URL: 'https://graph.microsoft.com',
      TEAMS_LINK_WAIT: 300_000, TEAMS_LOBBY_BYPASS: 'everyone', GRAPH_SAVE_TO_SENT_ITEMS: false,
    });
    expect(parseConfig({ ...base, TEAMS_LINK_WAIT: '90s', GRAPH_SAVE_TO_SENT_ITEMS: 'true', GRAPH_ORGANIZER_DOMAINS: 'Contoso.com, contoso.es' }))
      .toMatchObject({ TEAMS_LINK_WAIT: 90_000, GRAPH_SAVE_TO_SENT_ITEMS: true, GRAPH_ORGANIZER_DOMAINS: ['contoso.com', 'contoso.es'] });
  });

  test.each<[string, Record<string, string>, string[]]>([
    ['EMAIL_PROVIDER=graph alone', { EMAIL_PROVIDER: 'graph' }, ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET', 'GRAPH_MAIL_SENDER']],
    ['EMAIL_PROVIDER=graph without the mailbox', { ...graph, EMAIL_PROVIDER: 'graph' }, ['GRAPH_MAIL_SENDER']],
    ['a client ID without the rest', { GRAPH_CLIENT_ID: graph.GRAPH_CLIENT_ID }, ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_SECRET']],
    ['a certificate without its thumbprint', { ...graph, GRAPH_CLIENT_SECRET: '', GRAPH_CERTIFICATE_PATH: '/certs/app.pem' }, ['GRAPH_CERTIFICATE_THUMBPRINT']],
    ['a secret and a certificate', { ...graph, GRAPH_CERTIFICATE_PATH: '/certs/app.pem', GRAPH_CERTIFICATE_THUMBPRINT: 'a'.repeat(64) }, ['GRAPH_CLIENT_SECRET']],
    ['a client ID that is no GUID', { ...graph, GRAPH_CLIENT_ID: 'my-app' }, ['GRAPH_CLIENT_ID']],
    ['an http authority that is not loopback', { ...graph, GRAPH_AUTHORITY_HOST: 'http://login.example.com' }, ['GRAPH_AUTHORITY_HOST']],
    ['an unknown provider', { EMAIL_PROVIDER: 'smtp' }, ['EMAIL_PROVIDER']],
    ['a wait that is no duration', { TEAMS_LINK_WAIT: 'soon' }, ['TEAMS_LINK_WAIT']],
    ['an unknown lobby scope', { TEAMS_LOBBY_BYPASS: 'anyone' }, ['TEAMS_LOBBY_BYPASS']],
  ])('%s: the error names %j, never a value', (_name, env, names) => {
    const found = problems(env);
    expect(found.map((p) => p.variable).sort()).toEqual([...names].sort());
    expect(JSON.stringify(found)).not.toContain('s3cret-value');
  });

  test('a complete configuration parses (http only for a loopback authority)', () => {
    expect(problems({ ...graph, EMAIL_PROVIDER: 'graph', GRAPH_MAIL_SENDER: 'appointments@contoso.com', GRAPH_AUTHORITY_HOST: 'http://127.0.0.1:4000', GRAPH_BASE_URL: 'http://127.0.0.1:4000/' })).toEqual([]);
  });
});
