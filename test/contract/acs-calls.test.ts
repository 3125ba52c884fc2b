import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendKeyUuid } from '../../src/adapters/acs/acs-common';
import { AcsCallAutomation } from '../../src/adapters/acs/acs-call-automation';
import { parseCallEvents } from '../../src/adapters/acs/acs-call-events';
import { voiceDispatchSender } from '../../src/channels/voice/voice-sender';
import { callIdFor, operationContext } from '../../src/domain';
import type { CallEvent } from '../../src/ports/calls';
import type { Dispatch } from '../../src/ports/dispatch';
import { FakeCallStore } from '../fakes/fake-call-store';
import { startAcsServer, type AcsServer } from '../support/acs-server';

const FROM = '+18005550100';
const TO = '+14255550123';
const silent = { info: () => undefined, warn: () => undefined };
const fastRetry = { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 100, maxTotalDelayMs: 200, random: () => 1 };
const speech = { text: 'Hello Bob. Press 1 to confirm.', voice: 'en-US-JennyNeural', locale: 'en-US' as const };

let server: AcsServer;
let receiver: Server;
let callbackUrl = '';
/** Callbacks the loopback server posted to our callback URL, parsed by the product's parser. */
const received: CallEvent[] = [];

beforeAll(async () => {
  server = await startAcsServer();
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const parsed = parseCallEvents(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      if (parsed.ok) received.push(...parsed.value);
      res.writeHead(parsed.ok ? 200 : 400).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/events/calls?key=k`;
});
afterEach(async () => {
  await server.calling.idle();
  server.reset();
  server.calling.reset();
  received.length = 0;
});
afterAll(async () => {
  await server.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const client = () => new AcsCallAutomation({ connectionString: server.connectionString, from: FROM, cognitiveServicesEndpoint: 'https://ai.example.cognitiveservices.azure.com/', retry: fastRetry, logger: silent });
const dispatch = (key: string): Dispatch => ({ key, about: { kind: 'meeting', id: 'M-1' }, channel: 'voice', to: TO, content: { channel: 'voice', text: 'Hello Bob.' }, firstSentAt: new Date().toISOString(), purpose: 'reminder' });

describe('ACS Call Automation adapter (the real SDK against the loopback server)', () => {
  test('createCall is HMAC-signed and carries the target, caller ID, callback URL, operationContext, AI endpoint and our repeatability ID; CallConnected comes back', async () => {
    const key = 'M-1|1|reminder|voice';
    const context = operationContext(callIdFor(key), 1, 0);
    const result = await client().dial({ to: TO, operationContext: context, callbackUrl, idempotencyKey: `${key}~1` }, dispatch(key));
    const [request] = server.requests.filter((r) => r.method === 'POST' && r.url.startsWith('/calling/callConnections?'));
    expect(request?.authenticated).toBe(true);
    expect(request?.url).toMatch(/api-version=2026-03-12/);
    expect(request?.headers['repeatability-request-id']).toBe(sendKeyUuid(`${key}~1`));
    expect(request?.body).toMatchObject({
      targets: [{ kind: 'phoneNumber', phoneNumber: { value: TO } }], sourceCallerIdNumber: { value: FROM }, callbackUri: callbackUrl,
      operationContext: context, callIntelligenceOptions: { cognitiveServicesEndpoint: 'https://ai.example.cognitiveservices.azure.com/' },
    });
    const [call] = server.calling.calls;
    expect(result).toEqual({ status: 'sent', providerMessageId: call?.callConnectionId });
    await server.calling.idle();
    expect(received).toEqual([expect.objectContaining({ kind: 'connected', callConnectionId: call?.callConnectionId, operationContext: context })]);
  });

  test('recognize (one DTMF tone, the prompt in the chosen voice), play, transfer and hang-up in the REST shapes; each callback echoes its operationContext and the key pressed', async () => {
    server.calling.presses(TO, ['3']);
    const calls = client();
    const dialled = await calls.dial({ to: TO, operationContext: 'c:1:0', callbackUrl, idempotencyKey: 'k~1' }, dispatch('k'));
    const id = dialled.status === 'sent' ? dialled.providerMessageId : '';
    await calls.ask(id, TO, speech, 'c:1:1');
    await calls.say(id, { ...speech, text: 'Goodbye.' }, 'c:1:2');
    await calls.transfer(id, '+14255550100', 'c:1:3');
    await calls.hangUp(id);
    const bodies = server.calling.calls[0]?.actions ?? [];
    expect(bodies.map((a) => a.kind)).toEqual(['recognize', 'play', 'transfer', 'terminate']);
    expect(bodies[0]?.body).toMatchObject({
      recognizeInputType: 'dtmf', operationContext: 'c:1:1',
      playPrompt: { kind: 'text', text: { text: speech.text, voiceName: 'en-US-JennyNeural', sourceLocale: 'en-US' } },
      recognizeOptions: { interruptPrompt: true, initialSilenceTimeoutInSeconds: 10, targetParticipant: { phoneNumber: { value: TO } }, dtmfOptions: { maxTonesToCollect: 1 } },
    });
    expect(bodies[1]?.body).toMatchObject({ playSources: [{ kind: 'text', text: { text: 'Goodbye.', voiceName: 'en-US-JennyNeural' } }], operationContext: 'c:1:2' });
    expect(bodies[2]?.body).toMatchObject({ targetParticipant: { phoneNumber: { value: '+14255550100' } }, operationContext: 'c:1:3' });
    expect(server.requests.every((r) => r.authenticated)).toBe(true);
    await server.calling.idle();
    // Callbacks are posted concurrently, as ACS does: their order of arrival is not promised.
    expect(received.map((e) => `${e.kind}:${e.operationContext ?? ''}${e.tone ? `:${e.tone}` : ''}`).sort()).toEqual([
      'connected:c:1:0', 'disconnected:c:1:0', 'playCompleted:c:1:2', 'recognized:c:1:1:3', 'transferAccepted:c:1:3',
    ]);
  });

  test('a send attempted twice for the same key (a retried activity) places one call: our row is the guard, and ACS sees the same repeatability ID', async () => {
    const store = new FakeCallStore();
    const sender = voiceDispatchSender(client(), store, { now: () => new Date() }, callbackUrl);
    const key = 'M-2|1|reminder|voice';
    const first = await sender.send(dispatch(key));
    const second = await sender.send(dispatch(key));
    expect(server.calling.placed()).toBe(1);
    expect(second).toEqual(first);
    expect((await store.get(callIdFor(key)))?.call.callConnectionId).toBe(first.status === 'sent' ? first.providerMessageId : 'none');
  });

  test('busy and no answer come back as CreateCallFailed with their codes; a bad signature is refused', async () => {
    server.calling.callee('+14255550124', 'busy');
    server.calling.callee('+14255550125', 'noAnswer');
    await client().dial({ to: '+14255550124', operationContext: 'b:1:0', callbackUrl, idempotencyKey: 'b~1' }, dispatch('b'));
    await client().dial({ to: '+14255550125', operationContext: 'n:1:0', callbackUrl, idempotencyKey: 'n~1' }, dispatch('n'));
    await server.calling.idle();
    expect(received.map((e) => `${e.kind} ${e.code}/${e.subCode}`).sort()).toEqual(['createFailed 480/560480', 'createFailed 486/560486']);
    const forged = new AcsCallAutomation({ connectionString: `endpoint=${server.connectionString.split(';')[0]!.slice('endpoint='.length)};accesskey=${Buffer.from('wrong key 0123456789abcdef').toString('base64')}`, from: FROM, retry: fastRetry, logger: silent });
    expect(await forged.dial({ to: TO, operationContext: 'x:1:0', callbackUrl, idempotencyKey: 'x~1' }, dispatch('x'))).toMatchObject({ status: 'failed', reason: expect.stringContaining('HTTP 401') });
    expect(server.calling.placed()).toBe(2);
  });
});
