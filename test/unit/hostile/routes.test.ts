import { HttpRequest, InvocationContext } from '@azure/functions';
import { JoseTokenVerifier } from '../../../src/adapters/jose/token-verifier';
import { parseConfig } from '../../../src/config';
import { requireAdmin } from '../../../src/http/auth';
import type { HandlerEnv } from '../../../src/http/handler-env';
import { meetingHandlers } from '../../../src/http/meetings';
import { fakeDeps } from '../../fakes/fake-deps';
import { RecordingWorkflow } from '../../fakes/recording-workflow';

// Issue [2/9], defects 3, 8 and 11 (oversized token): each answered 500 or threw before.
const API_KEY = 'route-test-key-0123456789';
const deps = fakeDeps({ config: parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', PUBLIC_BASE_URL: 'https://comms.example.com', API_KEY }) });
const env: HandlerEnv = { deps: () => deps, workflow: () => new RecordingWorkflow() };
const context = (): InvocationContext => new InvocationContext({ functionName: 't', invocationId: 't', logHandler: () => undefined });
const req = (init: { method?: string; headers?: Record<string, string>; params?: Record<string, string>; body?: string } = {}): HttpRequest =>
  new HttpRequest({ method: init.method ?? 'GET', url: 'http://localhost/api/x', headers: init.headers ?? {}, params: init.params ?? {}, ...(init.body ? { body: { string: init.body } } : {}) });

describe('hostile requests to the routes', () => {
  test('a non-ASCII API key of the right length is refused with 401, not a 500', async () => {
    const sameLength = 'é'.repeat(API_KEY.length);
    const check = await requireAdmin(req({ headers: { 'x-api-key': sameLength } }), deps);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.response.status).toBe(401);
    expect((await requireAdmin(req({ headers: { 'x-api-key': API_KEY } }), deps)).ok).toBe(true);
  });

  test('an oversized bearer token is a 401 problem, not a crash', async () => {
    const tokens = new JoseTokenVerifier({ issuer: 'https://login.example.com/t/v2.0', audience: 'api://x', jwksUri: 'https://login.example.com/jwks', algorithms: ['RS256'], contactClaim: 'contactId', clock: { now: () => new Date() } });
    const check = await requireAdmin(req({ headers: { authorization: `Bearer ${'a'.repeat(20_000)}` } }), { config: deps.config, tokens });
    expect(!check.ok && check.response.status).toBe(401);
    expect(!check.ok && JSON.stringify(check.response.jsonBody)).toContain('too long');
  });

  test.each(['a/b', '../x', 'A%2FB', 'x'.repeat(101), ''])('a path meeting ID no meeting can have (%s) is 404 on GET and cancel', async (meetingId) => {
    const handlers = meetingHandlers(env);
    const headers = { 'x-api-key': API_KEY, 'content-type': 'application/json' };
    expect((await handlers.get(req({ headers, params: { meetingId } }))).status).toBe(404);
    const cancel = await handlers.cancel(req({ method: 'POST', headers, params: { meetingId }, body: JSON.stringify({ source: 'external' }) }), context());
    expect(cancel.status).toBe(404);
  });

  test('a cancellation reason with control or bidi characters is refused naming reason, and nothing is cancelled', async () => {
    const handlers = meetingHandlers(env);
    const headers = { 'x-api-key': API_KEY, 'content-type': 'application/json' };
    const res = await handlers.cancel(req({ method: 'POST', headers, params: { meetingId: 'A-1001' }, body: JSON.stringify({ source: 'external', reason: 'moved\u202e' }) }), context());
    expect(res.status).toBe(400);
    expect(res.jsonBody).toMatchObject({ errors: [{ path: 'reason' }] });
  });
});
