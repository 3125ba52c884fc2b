import { graphOnlineMeetingsChoice } from '../../src/adapters/graph/graph-choices';
import { parseConfig } from '../../src/config';
import { OnlineMeetingError, type OnlineMeetings } from '../../src/ports/online-meetings';
import { CLIENT_ID, CLIENT_SECRET, GraphServer, TENANT } from '../support/graph-server';
import { makeTestCertificate } from '../support/test-certificate';

const ORGANIZER_ID = '0f0e0d0c-0b0a-4909-8807-060504030201';
const ANA_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const quiet = { info: () => undefined, warn: () => undefined };

/**
 * The real @microsoft/microsoft-graph-client and @azure/msal-node, through the product's adapter,
 * against a loopback token endpoint and Graph (test/support/graph-server.ts).
 */
describe('Teams meetings through Microsoft Graph (real SDKs, loopback Graph)', () => {
  let graph: GraphServer;
  beforeEach(async () => {
    graph = await GraphServer.start();
    graph.users.set('organizer@contoso.com', ORGANIZER_ID);
    graph.users.set('ana@contoso.com', ANA_ID);
  });
  afterEach(() => graph.close());

  function adapter(env: Record<string, string> = {}): OnlineMeetings {
    const config = parseConfig({
      AzureWebJobsStorage: 'UseDevelopmentStorage=true', GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: CLIENT_ID, GRAPH_CLIENT_SECRET: CLIENT_SECRET,
      GRAPH_ORGANIZER: 'organizer@contoso.com', GRAPH_ORGANIZER_DOMAINS: 'contoso.com', GRAPH_AUTHORITY_HOST: graph.url, GRAPH_BASE_URL: graph.url, ...env,
    });
    const choice = graphOnlineMeetingsChoice(config);
    if (!('create' in choice)) throw new Error(`not configured: ${choice.missing.join(', ')}`);
    return choice.create({ config, clock: { now: () => new Date(), sleep: async () => undefined } as never, logger: quiet });
  }

  const request = (externalId: string, advisorEmail: string | null = 'ana@contoso.com') => ({
    externalId, advisorEmail, subject: 'Mortgage review', start: '2026-12-03T15:00:00.000Z', end: '2026-12-03T15:30:00.000Z',
  });

  test('createOrGet twice with the meeting ID as externalId: one meeting, the same join link; one token for every call', async () => {
    const teams = adapter();
    const first = await teams.ensure(request('A-1001'));
    const again = await teams.ensure(request('A-1001'));
    expect(again).toEqual(first);
    expect(graph.meetings.size).toBe(1);
    expect(first).toMatchObject({ organizer: ANA_ID, joinUrl: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//) });
    const [created] = [...graph.meetings.values()];
    expect(created).toMatchObject({ externalId: 'A-1001', subject: 'Mortgage review', startDateTime: '2026-12-03T15:00:00.000Z', lobbyBypassSettings: { scope: 'everyone', isDialInBypassEnabled: true } });
    expect(graph.graphCalls('createOrGet')).toHaveLength(2);
    expect(graph.requests.every((r) => r.authorization === 'Bearer loopback-token-1')).toBe(true);
    expect(graph.tokenRequests).toHaveLength(1);
    expect(graph.tokenRequests[0]).toMatchObject({ grant_type: 'client_credentials', client_id: CLIENT_ID, scope: 'https://graph.microsoft.com/.default', client_secret: CLIENT_SECRET });
  });

  test('the organizer: the advisor when their address is in the tenant and Graph knows them, else GRAPH_ORGANIZER', async () => {
    const teams = adapter();
    expect((await teams.ensure(request('A-1', 'bob@elsewhere.example'))).organizer).toBe(ORGANIZER_ID);
    expect((await teams.ensure(request('A-2', 'left@contoso.com'))).organizer).toBe(ORGANIZER_ID);
    expect((await teams.ensure(request('A-3', null))).organizer).toBe(ORGANIZER_ID);
    expect((await teams.ensure(request('A-4'))).organizer).toBe(ANA_ID);
  });

  test('a reschedule moves the meeting (PATCH with both times); a cancellation deletes it, and deleting again is fine', async () => {
    const teams = adapter();
    const created = await teams.ensure(request('A-1001'));
    const moved = await teams.update(created, { subject: 'Mortgage review', start: '2026-12-04T15:00:00.000Z', end: '2026-12-04T16:00:00.000Z' });
    expect(moved).toEqual(created);
    expect(graph.meetings.get(created.id)).toMatchObject({ startDateTime: '2026-12-04T15:00:00.000Z', endDateTime: '2026-12-04T16:00:00.000Z' });
    expect(graph.graphCalls('patch')[0]?.body).toEqual({ subject: 'Mortgage review', startDateTime: '2026-12-04T15:00:00.000Z', endDateTime: '2026-12-04T16:00:00.000Z' });
    await teams.remove(created);
    expect(graph.meetings.size).toBe(0);
    await expect(teams.remove(created)).resolves.toBeUndefined();
    expect(await teams.update(created, { subject: 'x', start: '2026-12-04T15:00:00.000Z', end: '2026-12-04T16:00:00.000Z' })).toBe('missing');
  });

  test('403 without a Teams application access policy: an error naming what the admin must do', async () => {
    graph.withoutPolicy.add(ANA_ID);
    const error = await adapter().ensure(request('A-1001')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OnlineMeetingError);
    expect(error).toMatchObject({ kind: 'forbidden' });
    expect((error as Error).message).toMatch(/New-CsApplicationAccessPolicy.*Grant-CsApplicationAccessPolicy.*30 minutes/);
    expect(graph.meetings.size).toBe(0);
  });

  test('429 with a short Retry-After: the Graph client retries after it; a long one comes back as a transient error with the wait', async () => {
    const teams = adapter();
    graph.script('createOrGet', 1, { status: 429, retryAfter: 1 });
    await teams.ensure(request('A-1001'));
    expect(graph.graphCalls('createOrGet').map((r) => r.retryAttempt)).toEqual([undefined, '1']);
    expect(graph.meetings.size).toBe(1);
    graph.script('createOrGet', 1, { status: 429, retryAfter: 120 });
    const error = await teams.ensure(request('A-1002')).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'transient', retryAfterMs: 120_000 });
    expect(graph.graphCalls('createOrGet')).toHaveLength(3);
  });

  test('token expiry and renewal: a token Graph no longer takes is renewed once and the call goes through; a token near expiry is renewed before use', async () => {
    const teams = adapter();
    await teams.ensure(request('A-1'));
    graph.revokeTokens();
    await teams.ensure(request('A-2'));
    expect(graph.tokenRequests).toHaveLength(2);
    expect(graph.graphCalls('createOrGet').map((r) => r.authorization)).toEqual(['Bearer loopback-token-1', 'Bearer loopback-token-1', 'Bearer loopback-token-2']);
    // A token inside msal's 5-minute renewal margin is fetched afresh on each use: the adapter asks
    // once before the call (so token problems are named as such) and the middleware once for it.
    graph.expiresIn = 120;
    graph.revokeTokens();
    await teams.ensure(request('A-3'));
    const before = graph.tokenRequests.length;
    await teams.ensure(request('A-4'));
    expect(graph.tokenRequests.length - before).toBe(2);
    const used = graph.graphCalls('createOrGet').map((r) => r.authorization);
    expect(used.at(-1)).toBe(`Bearer loopback-token-${graph.tokenRequests.length}`);
    expect(graph.meetings.size).toBe(4);
  });

  test('a refused request is permanent; an answer without a join URL is not taken as a meeting', async () => {
    const teams = adapter();
    graph.script('createOrGet', 1, { status: 400, body: { error: { code: 'BadRequest', message: 'Invalid externalId.' } } });
    await expect(teams.ensure(request('A-1'))).rejects.toMatchObject({ kind: 'permanent', message: 'Graph refused the request (HTTP 400 BadRequest)' });
    graph.script('createOrGet', 1, { status: 201, body: { id: 'only-an-id' } });
    await expect(teams.ensure(request('A-2'))).rejects.toMatchObject({ kind: 'transient', message: expect.stringContaining('joinWebUrl') });
  });

  test('a wrong client secret: an error naming the setting, never its value; Graph is not called', async () => {
    const error = await adapter({ GRAPH_CLIENT_SECRET: 'not-the-secret' }).ensure(request('A-1001')).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'forbidden' });
    expect((error as Error).message).toContain('GRAPH_CLIENT_SECRET');
    expect((error as Error).message).not.toContain('not-the-secret');
    expect(graph.requests).toHaveLength(0);
  });

  test('a certificate instead of a secret: msal signs a client assertion the authority verifies', async () => {
    const cert = makeTestCertificate();
    graph.trustCertificate(cert.certPem);
    const teams = adapter({ GRAPH_CLIENT_SECRET: '', GRAPH_CERTIFICATE_PATH: cert.bundlePath, GRAPH_CERTIFICATE_THUMBPRINT: cert.thumbprintSha256 });
    await teams.ensure(request('A-1001'));
    expect(graph.meetings.size).toBe(1);
    expect(graph.tokenRequests[0]).toMatchObject({ client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' });
    expect(graph.tokenRequests[0]?.client_secret).toBeUndefined();
  });
});
