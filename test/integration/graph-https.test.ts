import { AppHost, meetingBody } from '../support/app-host';
import { CLIENT_ID, CLIENT_SECRET, GraphServer, TENANT } from '../support/graph-server';
import { makeTestCertificate } from '../support/test-certificate';

/**
 * The production path, without the loopback shortcut: an https authority and an https Graph (a test
 * CA the devhost process trusts through NODE_EXTRA_CA_CERTS), so msal-node runs its own network
 * client and OpenID discovery, and the Graph client its own fetch, as they would against Entra and Graph.
 */
describe('Microsoft Graph over https with a test CA (devhost)', () => {
  let graph: GraphServer;
  let host: AppHost;
  beforeAll(async () => {
    const cert = makeTestCertificate('127.0.0.1');
    graph = await GraphServer.start({ key: cert.keyPem, cert: cert.certPem });
    host = await AppHost.start({
      env: {
        NODE_EXTRA_CA_CERTS: cert.certPath, EMAIL_PROVIDER: 'graph', GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: CLIENT_ID, GRAPH_CLIENT_SECRET: CLIENT_SECRET,
        GRAPH_MAIL_SENDER: 'appointments@contoso.com', GRAPH_ORGANIZER: '0f0e0d0c-0b0a-4909-8807-060504030201', GRAPH_AUTHORITY_HOST: graph.url, GRAPH_BASE_URL: graph.url,
      },
    });
    await host.enableAll();
  });
  afterAll(async () => {
    await host.stop();
    await graph.close();
  });

  test('a Teams booking: token, createOrGet and sendMail all over https; the link is in the mail', async () => {
    await host.schedule(meetingBody('HTTPS-1', await host.now(), 10, { location: null, online: { createTeamsMeeting: true }, contact: { email: 'https@example.com', phone: null } }));
    await host.settle();
    const created = [...graph.meetings.values()].find((m) => m.externalId === 'HTTPS-1');
    expect(created).toBeDefined();
    expect(graph.tokenRequests[0]?.scope).toBe(`${graph.url}/.default`);
    const mails = graph.mails.filter((m) => JSON.stringify(m.body).includes('https@example.com'));
    expect(mails).toHaveLength(1);
    expect(JSON.stringify(mails[0]?.body)).toContain(created?.joinWebUrl);
  });
});
