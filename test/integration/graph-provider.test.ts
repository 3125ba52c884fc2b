import { AppHost, kinds, meetingBody } from '../support/app-host';
import { tempDir } from '../support/devhost-process';
import { CLIENT_ID, CLIENT_SECRET, GraphServer, TENANT } from '../support/graph-server';
import { makeTestCertificate } from '../support/test-certificate';

const SENDER = 'appointments@contoso.com';
const ORGANIZER_ID = '0f0e0d0c-0b0a-4909-8807-060504030201';

/**
 * The app on the devhost with Microsoft Graph configured, through the real Graph client and msal-node
 * to the loopback Graph in this process: Outlook email by sendMail, Teams meetings by createOrGet.
 * The crash test uses plain http (msal then reaches the loopback through the adapter's network
 * client); the others run the production path over https with a test CA the devhost trusts
 * (NODE_EXTRA_CA_CERTS): msal's own network client and OpenID discovery, the Graph client's own fetch.
 */
describe('Microsoft Graph on the devhost (EMAIL_PROVIDER=graph, Teams through Graph)', () => {
  let graph: GraphServer;
  beforeAll(async () => {
    graph = await GraphServer.start();
  });
  afterAll(() => graph.close());

  const graphEnv = (server = graph): Record<string, string> => ({
    EMAIL_PROVIDER: 'graph', GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: CLIENT_ID, GRAPH_CLIENT_SECRET: CLIENT_SECRET,
    GRAPH_MAIL_SENDER: SENDER, GRAPH_ORGANIZER: ORGANIZER_ID, GRAPH_AUTHORITY_HOST: server.url, GRAPH_BASE_URL: server.url,
  });
  const mailsTo = (address: string, server = graph) => server.mails.filter((m) => JSON.stringify(m.body).includes(address));

  test('killed right after Graph accepted a sendMail and before the ledger recorded it: after the restart the mail is not sent again, and the ledger says sent', async () => {
    const dataDir = tempDir('graph-mail-kill');
    const first = await AppHost.start({ dataDir, env: { ...graphEnv(), DEVHOST_CRASH_AFTER_SEND: '^GRAPH-KILL\\|1\\|confirmation\\|email$' } });
    await first.enableAll();
    const exited = new Promise<number | null>((resolve) => first.host.child.once('exit', (c, signal) => resolve(signal === 'SIGKILL' ? -9 : c)));
    const body = meetingBody('GRAPH-KILL', await first.now(), 10, { contact: { email: 'kill@example.com', phone: null } });
    expect((await first.schedule(body)).status).toBe(202);
    expect(await exited).toBe(-9);
    expect(mailsTo('kill@example.com')).toHaveLength(1);

    const second = await AppHost.start({ dataDir, env: graphEnv() });
    try {
      await second.settle();
      await second.advance('PT5M'); // lets a retried send run
      expect(mailsTo('kill@example.com')).toHaveLength(1);
      const email = (await second.meeting('GRAPH-KILL')).communications.find((c) => c.type === 'confirmation' && c.channel === 'email');
      expect(email?.status).toBe('sent');
      // The resumed send found Graph's acceptance marked, rather than never having sent.
      expect(second.host.output()).toContain('graph-mail: already accepted, not sent again');
      expect(await second.outbox('GRAPH-KILL')).toEqual([]);
    } finally {
      await second.stop();
    }
  });

  describe('over https with a test CA, TEAMS_LINK_WAIT=1m', () => {
    let host: AppHost;
    let tls: GraphServer;
    beforeAll(async () => {
      const cert = makeTestCertificate('127.0.0.1');
      tls = await GraphServer.start({ key: cert.keyPem, cert: cert.certPem });
      host = await AppHost.start({ env: { ...graphEnv(tls), NODE_EXTRA_CA_CERTS: cert.certPath, TEAMS_LINK_WAIT: '1m' } });
      await host.enableAll();
    });
    afterAll(async () => {
      await host.stop();
      await tls.close();
    });

    test('a Teams booking: the meeting is created through Graph, its join link in the Outlook confirmation and GetMeeting; cancelling deletes it; health reports Graph', async () => {
      const health = (await (await fetch(`${host.url}/api/health`)).json()) as Record<string, unknown>;
      expect(health).toMatchObject({ providers: { email: 'graph' }, onlineMeetings: 'graph', graph: { configured: true } });
      expect(JSON.stringify(health)).not.toContain(CLIENT_SECRET);
      expect(tls.url).toMatch(/^https:/);
      const body = meetingBody('GRAPH-TEAMS', await host.now(), 10, { location: null, online: { createTeamsMeeting: true }, contact: { email: 'teams@example.com', phone: null } });
      await host.schedule(body);
      await host.settle();
      const created = [...tls.meetings.values()].find((m) => m.externalId === 'GRAPH-TEAMS');
      expect(created).toMatchObject({ organizer: ORGANIZER_ID, startDateTime: body.start });
      expect(tls.tokenRequests[0]?.scope).toBe(`${tls.url}/.default`);
      const [mail] = mailsTo('teams@example.com', tls);
      expect(JSON.stringify(mail?.body)).toContain(created?.joinWebUrl);
      expect(((await host.meeting('GRAPH-TEAMS')) as unknown as { online: { joinUrl: string } }).online.joinUrl).toBe(created?.joinWebUrl);
      await host.api('meetings/GRAPH-TEAMS/cancel', { method: 'POST', body: JSON.stringify({ contactId: 'C-77' }) });
      await host.settle();
      expect([...tls.meetings.values()].filter((m) => m.externalId === 'GRAPH-TEAMS')).toEqual([]);
      expect(kinds((await host.outbox('GRAPH-TEAMS')))).toEqual([]);
    });

    test('Graph failing at booking: retried with backoff; the confirmation goes after TEAMS_LINK_WAIT saying the link follows, and the update that carries it follows once Graph answers', async () => {
      // Two syncs fail (each is the client's first try and its 2 retries), the third succeeds.
      tls.script('createOrGet', 6, { status: 503, retryAfter: 0 });
      const before = tls.graphCalls('createOrGet').length;
      const body = meetingBody('GRAPH-LATE', await host.now(), 10, { location: null, online: { createTeamsMeeting: true }, contact: { email: 'late@example.com', phone: null } });
      await host.schedule(body);
      await host.settle();
      const waiting = await host.meeting('GRAPH-LATE');
      expect(waiting.communications.find((c) => c.type === 'confirmation' && c.channel === 'email')).toMatchObject({ status: 'planned', reason: 'waiting for the Teams join link' });
      expect(mailsTo('late@example.com', tls)).toHaveLength(0);
      await host.advance('PT3M');
      expect(tls.graphCalls('createOrGet').length - before).toBe(7);
      const created = [...tls.meetings.values()].find((m) => m.externalId === 'GRAPH-LATE');
      const mails = mailsTo('late@example.com', tls).map((m) => JSON.stringify(m.body));
      expect(mails).toHaveLength(2);
      expect(mails[0]).toContain('we will send you the link');
      expect(mails[0]).not.toContain('teams.microsoft.com');
      expect(mails[1]).toContain(created?.joinWebUrl);
      const view = (await host.meeting('GRAPH-LATE')) as unknown as { version: number; online: { joinUrl: string } };
      expect(view.version).toBe(2);
      expect(view.online.joinUrl).toBe(created?.joinWebUrl);
    });
  });
});
