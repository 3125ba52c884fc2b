import { HttpRequest, type HttpResponseInit } from '@azure/functions';
import { parseConfig } from '../../../src/config';
import type { HandlerEnv } from '../../../src/http/handler-env';
import { subscriptionHandlers } from '../../../src/http/subscriptions';
import { fakeDeps } from '../../fakes/fake-deps';
import { RecordingWorkflow } from '../../fakes/recording-workflow';

const API_KEY = 'subscriptions-test-key-0123456789';
const BASE = 'https://comms.example.com';
const ADMIN = 'Bearer admin-token';
const READER = 'Bearer reader-token';

function handlers(env: Record<string, string> = {}) {
  const deps = fakeDeps({ config: parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', PUBLIC_BASE_URL: BASE, API_KEY, ...env }) });
  deps.tokens.accept(ADMIN, { subject: 'admin-1', contactId: null, roles: ['Communications.Admin'] }).accept(READER, { subject: 'u-2', contactId: null, roles: ['Meetings.Cancel'] });
  const testEnv: HandlerEnv = { deps: () => deps, workflow: () => new RecordingWorkflow() };
  return { deps, routes: subscriptionHandlers(testEnv) };
}

const json = { 'x-api-key': API_KEY, 'content-type': 'application/json' };
const post = (body: string, headers: Record<string, string> = json) => new HttpRequest({ method: 'POST', url: `${BASE}/api/subscriptions`, headers, body: { string: body } });
const good = { notificationUrl: 'https://prod-00.westus.logic.azure.com/workflows/1/triggers/manual/paths/invoke?sig=SIG', events: ['meeting.confirmed', 'communication.failed'], description: 'CRM flow' };
const errorPaths = (res: HttpResponseInit): string[] => ((res.jsonBody as { errors?: Array<{ path: string }> }).errors ?? []).map((e) => e.path);

describe('POST /api/subscriptions', () => {
  test('201 with the secret (whsec_ + base64 of 32 random bytes), Location under PUBLIC_BASE_URL, never cached', async () => {
    const { deps, routes } = handlers();
    const res = await routes.create(post(JSON.stringify(good)));
    expect(res.status).toBe(201);
    const body = res.jsonBody as { id: string; secret: string; events: string[]; notificationUrl: string; createdAt: string };
    expect(res.headers).toMatchObject({ location: `${BASE}/api/subscriptions/${body.id}`, 'cache-control': 'no-store' });
    expect(body).toMatchObject({ notificationUrl: good.notificationUrl, events: good.events, description: 'CRM flow', createdAt: deps.clock.now().toISOString() });
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(body.secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect((await deps.subscriptions.get(body.id))?.secret).toBe(body.secret);
    expect(JSON.stringify(deps.log)).not.toContain(body.secret);
    expect(JSON.stringify(deps.log)).not.toContain('SIG');
  });

  test('an admin token works like the key', async () => {
    const { routes } = handlers();
    expect((await routes.create(post(JSON.stringify(good), { authorization: ADMIN, 'content-type': 'application/json' }))).status).toBe(201);
  });

  test.each<[string, number, Record<string, string>]>([
    ['no credentials', 401, { 'content-type': 'application/json' }],
    ['a wrong API key', 401, { 'x-api-key': 'wrong-key-0123456789abc', 'content-type': 'application/json' }],
    ['an unknown token', 401, { authorization: 'Bearer nope', 'content-type': 'application/json' }],
    ['a token without the admin role', 403, { authorization: READER, 'content-type': 'application/json' }],
  ])('%s → %i, nothing created', async (_, status, headers) => {
    const { deps, routes } = handlers();
    expect((await routes.create(post(JSON.stringify(good), headers))).status).toBe(status);
    expect(deps.subscriptions.rows.size).toBe(0);
  });

  test.each<[string, number, string, string | undefined]>([
    ['malformed JSON', 400, '{"notificationUrl": ', ''],
    ['not an object', 400, '[]', undefined],
    ['no notificationUrl', 400, JSON.stringify({ events: ['meeting.confirmed'] }), 'notificationUrl'],
    ['notificationUrl not a string', 400, JSON.stringify({ ...good, notificationUrl: 42 }), 'notificationUrl'],
    ['notificationUrl not a URL', 400, JSON.stringify({ ...good, notificationUrl: 'hooks.example.com' }), 'notificationUrl'],
    ['plain http to another host', 400, JSON.stringify({ ...good, notificationUrl: 'http://hooks.example.com/x' }), 'notificationUrl'],
    ['events not an array', 400, JSON.stringify({ ...good, events: 'meeting.confirmed' }), 'events'],
    ['no events', 400, JSON.stringify({ ...good, events: [] }), 'events'],
    ['an event name that is not a string', 400, JSON.stringify({ ...good, events: ['meeting.confirmed', 7] }), 'events[1]'],
    ['an unknown event name', 400, JSON.stringify({ ...good, events: ['meeting.confirmed', 'meeting.exploded'] }), 'events[1]'],
    ['description too long', 400, JSON.stringify({ ...good, description: 'x'.repeat(201) }), 'description'],
    ['description not a string', 400, JSON.stringify({ ...good, description: true }), 'description'],
    ['an unknown field', 400, JSON.stringify({ ...good, secret: 'whsec_mine' }), 'secret'],
    ['an oversized body', 413, JSON.stringify({ ...good, description: 'x'.repeat(9000) }), undefined],
  ])('%s → %i naming the field', async (_, status, body, path) => {
    const { deps, routes } = handlers();
    const res = await routes.create(post(body));
    expect(res.status).toBe(status);
    expect(res.headers).toMatchObject({ 'content-type': expect.stringContaining('application/problem+json') });
    if (path !== undefined) expect(errorPaths(res)).toContain(path);
    expect(deps.subscriptions.rows.size).toBe(0);
  });

  test('an unknown event name is named, not echoed into the secret store; both problems at once', async () => {
    const { routes } = handlers();
    const res = await routes.create(post(JSON.stringify({ notificationUrl: 'http://example.com/', events: ['nope', 'meeting.confirmed', 'also.nope'] })));
    expect(errorPaths(res)).toEqual(['events[0]', 'events[2]', 'notificationUrl']);
  });

  test('a body that is not JSON by its content type → 415', async () => {
    const { routes } = handlers();
    expect((await routes.create(post(JSON.stringify(good), { 'x-api-key': API_KEY, 'content-type': 'text/plain' }))).status).toBe(415);
  });

  test('http to loopback is accepted off Azure only', async () => {
    const loopback = JSON.stringify({ ...good, notificationUrl: 'http://127.0.0.1:9000/hook' });
    expect((await handlers().routes.create(post(loopback))).status).toBe(201);
    const onAzure = await handlers({ WEBSITE_SITE_NAME: 'mc-prod', LINK_TOKEN_SECRET: 'test-link-token-secret-0123456789abcdef' }).routes.create(post(loopback));
    expect(onAzure.status).toBe(400);
    expect(errorPaths(onAzure)).toEqual(['notificationUrl']);
  });
});

describe('GET and DELETE /api/subscriptions', () => {
  const get = (headers: Record<string, string> = json) => new HttpRequest({ method: 'GET', url: `${BASE}/api/subscriptions`, headers });
  const del = (id: string, headers: Record<string, string> = json) => new HttpRequest({ method: 'DELETE', url: `${BASE}/api/subscriptions/${id}`, headers, params: { subscriptionId: id } });

  test('lists without secrets or the URL\'s query string, with delivery health; DELETE → 204, again → 404', async () => {
    const { deps, routes } = handlers();
    const created = (await routes.create(post(JSON.stringify(good)))).jsonBody as { id: string; secret: string };
    await deps.deliveries.record({ eventId: 'e1', subscriptionId: created.id, eventType: 'meeting.confirmed', createdAt: deps.clock.now().toISOString() });
    await deps.deliveries.update({ eventId: 'e1', subscriptionId: created.id, eventType: 'meeting.confirmed', createdAt: deps.clock.now().toISOString(), status: 'retrying', attempts: 1, lastAttemptAt: deps.clock.now().toISOString(), lastHttpStatus: 500 });
    const listed = await routes.list(get());
    expect(listed.status).toBe(200);
    expect(listed.jsonBody).toEqual({ subscriptions: [{
      id: created.id, notificationUrl: 'https://prod-00.westus.logic.azure.com/workflows/1/triggers/manual/paths/invoke', events: good.events, description: 'CRM flow',
      createdAt: deps.clock.now().toISOString(), lastDelivery: { status: 'retrying', at: deps.clock.now().toISOString(), httpStatus: 500 }, failuresLast24h: 1,
    }] });
    expect(JSON.stringify(listed.jsonBody)).not.toContain(created.secret);
    expect((await routes.remove(del(created.id))).status).toBe(204);
    expect((await routes.remove(del(created.id))).status).toBe(404);
    expect((await routes.list(get())).jsonBody).toEqual({ subscriptions: [] });
  });

  test('wrong or missing credentials → 401/403 for GET and DELETE, and nothing is deleted', async () => {
    const { deps, routes } = handlers();
    const created = (await routes.create(post(JSON.stringify(good)))).jsonBody as { id: string };
    expect((await routes.list(get({}))).status).toBe(401);
    expect((await routes.list(get({ authorization: READER }))).status).toBe(403);
    expect((await routes.remove(del(created.id, {}))).status).toBe(401);
    expect((await routes.remove(del(created.id, { 'x-api-key': 'x'.repeat(24) }))).status).toBe(401);
    expect((await routes.remove(del(created.id, { authorization: READER }))).status).toBe(403);
    expect(deps.subscriptions.rows.size).toBe(1);
  });
});
