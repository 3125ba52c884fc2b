import { HttpRequest, InvocationContext } from '@azure/functions';
import { eventsTokenVerifierFromConfig } from '../../../src/adapters/jose/token-verifier';
import { parseConfig } from '../../../src/config';
import { eventHandlers } from '../../../src/http/events';
import { fakeDeps } from '../../fakes/fake-deps';
import { RecordingWorkflow } from '../../fakes/recording-workflow';
import { signToken, startJwksServer, testKey, type JwksServer, type TestKey } from '../../support/jwks-server';
import { egSubscriptionValidation } from '../inbound/acs-samples';
import { KEY, SMS_ID, SMS_KEY, sent, statusOf, tagged } from './events-fixture';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const V2 = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const V1 = `https://sts.windows.net/${TENANT}/`;
const AUDIENCE = 'api://meeting-communications-events';

/**
 * Event Grid's secure webhook delivery: with EVENTS_AUDIENCE set, the real jose verifier checks the
 * Entra token against a loopback JWKS, on top of the key.
 */
describe('POST /api/events/acs with EVENTS_AUDIENCE: key and Entra token both required', () => {
  let jwks: JwksServer;
  let key: TestKey;
  beforeAll(async () => {
    key = await testKey('RS256');
    jwks = await startJwksServer([key]);
  });
  afterAll(() => jwks.close());

  const setup = (env: Record<string, string> = {}) => {
    const config = parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', EVENTS_KEY: KEY, EVENTS_AUDIENCE: AUDIENCE, EVENTS_ISSUER: `${V2},${V1}`, EVENTS_JWKS_URI: jwks.jwksUri, ...env });
    const deps = fakeDeps({ config, eventsTokens: eventsTokenVerifierFromConfig(config, { now: () => new Date() }) });
    const { acs, acsHandshake } = eventHandlers({ workflow: () => new RecordingWorkflow(), deps: () => deps });
    const post = async (body: unknown, headers: Record<string, string>, query = `?key=${KEY}`) => {
      const req = new HttpRequest({ url: `http://localhost/api/events/acs${query}`, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: { string: JSON.stringify(body) } });
      return acs(req, new InvocationContext());
    };
    return { deps, post, acsHandshake };
  };
  const now = () => Math.floor(Date.now() / 1000);
  const token = (claims: Record<string, unknown> = {}, signer = key) =>
    signToken(signer, { iss: V2, aud: AUDIENCE, sub: 'event-grid-sp', iat: now(), exp: now() + 3600, ...claims }).then((t) => `Bearer ${t}`);

  test('a valid v2 or v1 token with the key: the delivery is handled', async () => {
    const { deps, post } = setup();
    await sent(deps, SMS_KEY, SMS_ID);
    expect((await post([tagged(SMS_KEY)], { authorization: await token() })).status).toBe(200);
    expect(await statusOf(deps, SMS_KEY)).toBe('delivered');
    expect((await post([egSubscriptionValidation()], { authorization: await token({ iss: V1 }) })).jsonBody).toEqual({ validationResponse: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6' });
  });

  test.each([
    ['no token', async () => ({})],
    ['a token for another audience', async () => ({ authorization: await token({ aud: 'api://someone-else' }) })],
    ['a token of another issuer', async () => ({ authorization: await token({ iss: 'https://login.microsoftonline.com/other-tenant/v2.0' }) })],
    ['an expired token', async () => ({ authorization: await token({ iat: now() - 7200, exp: now() - 3600 }) })],
    ['a token signed by a key the tenant does not publish', async () => ({ authorization: await token({}, await testKey('RS256')) })],
    ['a garbage token', async () => ({ authorization: 'Bearer not.a.token' })],
  ])('%s → 401, the body is not read, nothing changes', async (_name, headers) => {
    const { deps, post } = setup();
    await sent(deps, SMS_KEY, SMS_ID);
    const readBody = jest.spyOn(HttpRequest.prototype, 'text');
    const res = await post([tagged(SMS_KEY)], await headers());
    expect(res.status).toBe(401);
    expect(res.headers).toMatchObject({ 'www-authenticate': 'Bearer error="invalid_token"' });
    expect(readBody).not.toHaveBeenCalled();
    readBody.mockRestore();
    expect(await statusOf(deps, SMS_KEY)).toBe('sent');
  });

  test('a valid token does not replace the key: a wrong or missing key is still 401', async () => {
    const { deps, post } = setup();
    await sent(deps, SMS_KEY, SMS_ID);
    expect((await post([tagged(SMS_KEY)], { authorization: await token() }, '?key=events-key-0000000000')).status).toBe(401);
    expect((await post([tagged(SMS_KEY)], { authorization: await token() }, '')).status).toBe(401);
    expect(await statusOf(deps, SMS_KEY)).toBe('sent');
  });

  test('with EVENTS_ROLE the token must carry the role (403 otherwise)', async () => {
    const { post } = setup({ EVENTS_ROLE: 'AzureEventGridSecureWebhookSubscriber' });
    expect((await post([], { authorization: await token() })).status).toBe(403);
    expect((await post([], { authorization: await token({ roles: ['AzureEventGridSecureWebhookSubscriber'] }) })).status).toBe(200);
  });

  test('the OPTIONS handshake is unaffected: the key alone answers it', async () => {
    const { acsHandshake } = setup();
    const res = await acsHandshake(new HttpRequest({ url: `http://localhost/api/events/acs?key=${KEY}`, method: 'OPTIONS', headers: { 'webhook-request-origin': 'eventgrid.azure.net' } }));
    expect(res.status).toBe(200);
  });

  test('without EVENTS_AUDIENCE no token is asked for (the key alone, as before)', async () => {
    const config = parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', EVENTS_KEY: KEY });
    const deps = fakeDeps({ config, eventsTokens: eventsTokenVerifierFromConfig(config, { now: () => new Date() }) });
    const { acs } = eventHandlers({ workflow: () => new RecordingWorkflow(), deps: () => deps });
    const res = await acs(new HttpRequest({ url: `http://localhost/api/events/acs?key=${KEY}`, method: 'POST', headers: { 'content-type': 'application/json' }, body: { string: '[]' } }), new InvocationContext());
    expect(res.status).toBe(200);
  });
});
