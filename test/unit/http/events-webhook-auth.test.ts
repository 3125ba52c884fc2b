import { RecordingWorkflow } from '../../fakes/recording-workflow';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { parseConfig } from '../../../src/config';
import { eventHandlers } from '../../../src/http/events';
import { fakeDeps } from '../../fakes/fake-deps';
import { egChatMessageReceived, egSubscriptionValidation, withField } from '../inbound/acs-samples';
import { KEY, SMS_ID, SMS_KEY, sent, setup, statusOf, tagged } from './events-fixture';

describe('POST /api/events/acs: the key and the handshakes', () => {
  test.each([['missing', null], ['wrong', 'events-key-0123456780'], ['empty', '']])('a %s key is 401 problem+json and the body is not read', async (_name, key) => {
    const { post, deps } = setup();
    await sent(deps, SMS_KEY, SMS_ID);
    const readBody = jest.spyOn(HttpRequest.prototype, 'text');
    const res = await post([tagged(SMS_KEY)], { key });
    expect(res.status).toBe(401);
    expect(readBody).not.toHaveBeenCalled();
    readBody.mockRestore();
    expect(await statusOf(deps, SMS_KEY)).toBe('sent');
  });

  test('without EVENTS_KEY configured every delivery is refused', async () => {
    const deps = fakeDeps();
    const { acs } = eventHandlers({ workflow: () => new RecordingWorkflow(), deps: () => deps });
    const res = await acs(new HttpRequest({ url: 'http://localhost/api/events/acs?key=', method: 'POST', body: { string: '[]' } }), new InvocationContext());
    expect(res.status).toBe(401);
  });

  test('the Event Grid SubscriptionValidationEvent is answered with its code', async () => {
    const { post } = setup();
    expect(await post([egSubscriptionValidation()], { headers: { 'aeg-event-type': 'SubscriptionValidation' } })).toMatchObject({ status: 200, body: { validationResponse: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6' } });
  });

  test('OPTIONS with WebHook-Request-Origin (CloudEvents) is allowed for that origin; without the key it is 401', async () => {
    const deps = fakeDeps({ config: parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', EVENTS_KEY: KEY }) });
    const { acsHandshake } = eventHandlers({ workflow: () => new RecordingWorkflow(), deps: () => deps });
    const options = (query: string, headers: Record<string, string>) => acsHandshake(new HttpRequest({ url: `http://localhost/api/events/acs${query}`, method: 'OPTIONS', headers }));
    const ok = await options(`?key=${KEY}`, { 'webhook-request-origin': 'eventgrid.azure.net' });
    expect(ok.status).toBe(200);
    expect(ok.headers).toMatchObject({ 'webhook-allowed-origin': 'eventgrid.azure.net' });
    expect((await options('', { 'webhook-request-origin': 'eventgrid.azure.net' })).status).toBe(401);
    expect((await options(`?key=${KEY}`, {})).status).toBe(400);
  });
});

describe('POST /api/events/acs: bodies', () => {
  test('malformed JSON, a malformed event (named by path) and an oversized body are refused; nothing changes', async () => {
    const { post, deps } = setup();
    await sent(deps, SMS_KEY, SMS_ID);
    expect((await post('[{"id":')).status).toBe(400);
    const bad = await post([withField(tagged(SMS_KEY), 'data.deliveryStatus', 7)]);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('[0].data.deliveryStatus');
    expect((await post('[]', { headers: { 'content-length': String(2 * 1024 * 1024) } })).status).toBe(413);
    expect(await statusOf(deps, SMS_KEY)).toBe('sent');
  });

  test('an event type we do not handle is 200 and ignored', async () => {
    const { post, deps } = setup();
    expect(await post([egChatMessageReceived()])).toMatchObject({ status: 200, body: { received: 1 } });
    expect(deps.ledger.claims).toEqual([]);
  });
});
