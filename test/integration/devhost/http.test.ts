import { json, startDevhost, tempDir, type DevhostProcess } from '../../support/devhost-process';

let host: DevhostProcess;
beforeAll(async () => {
  host = await startDevhost({ env: { SAMPLE_LOG_DIR: tempDir('devhost-http-log'), GREETING: 'Hola' } });
});
afterAll(async () => {
  expect(await host.stop()).toBe(0);
});

describe('devhost HTTP triggers', () => {
  test('route parameters, query and settings reach the function; status, headers and cookies come back', async () => {
    const res = await fetch(`${host.url}/api/echo/Bob/extra?x=1&y=two`);
    expect(res.status).toBe(201);
    expect(res.headers.get('x-echo')).toBe('yes');
    expect(res.headers.get('set-cookie')).toBe('session=abc; Path=/; HttpOnly; SameSite=Strict');
    const body = await json<Record<string, unknown>>(res);
    expect(body).toMatchObject({ method: 'GET', params: { name: 'Bob', rest: 'extra' }, query: { x: '1', y: 'two' }, functionName: 'Echo' });
    // The environment wins over local.settings: the test set GREETING.
    expect(body.greeting).toBe('Hola');
  });

  test('an optional parameter may be absent', async () => {
    const body = await json<{ params: Record<string, string> }>(await fetch(`${host.url}/api/echo/Ann`));
    expect(body.params).toEqual({ name: 'Ann' });
  });

  test('a route constraint rejects a value that does not fit it', async () => {
    expect((await fetch(`${host.url}/api/echo/B0b`)).status).toBe(404);
  });

  test('a literal route outranks a parameter', async () => {
    const res = await fetch(`${host.url}/api/echo/literal`);
    expect(await res.text()).toBe('literal wins');
  });

  test.each([
    ['application/json', JSON.stringify({ a: 1, b: [true] }), { a: 1, b: [true] }],
    ['text/plain', 'just text', 'just text'],
    ['application/x-www-form-urlencoded', 'first=Bob&last=Smith', { first: 'Bob', last: 'Smith' }],
  ])('a %s body is read by the function', async (type, payload, expected) => {
    const res = await fetch(`${host.url}/api/echo/Bob`, { method: 'POST', headers: { 'content-type': type }, body: payload });
    expect((await json<{ body: unknown }>(res)).body).toEqual(expected);
  });

  test('a method the function does not declare is not routed', async () => {
    expect((await fetch(`${host.url}/api/echo/Bob`, { method: 'DELETE' })).status).toBe(404);
  });

  test('an unknown route is 404, and so is a path outside the route prefix', async () => {
    expect((await fetch(`${host.url}/api/nothing-here`)).status).toBe(404);
    expect((await fetch(`${host.url}/echo/Bob`)).status).toBe(404);
  });

  test('a handler that throws gives 500 with an error id that the log carries', async () => {
    const res = await fetch(`${host.url}/api/boom`);
    expect(res.status).toBe(500);
    const { errorId } = await json<{ errorId: string }>(res);
    expect(errorId).toMatch(/^[0-9a-f]{8}$/);
    expect(host.output()).toContain(`error ${errorId} in Boom`);
    expect(host.output()).toContain('boom on purpose');
  });

  test('a route under the host\'s built-in admin routes is refused, as Azure does', async () => {
    expect((await fetch(`${host.url}/api/admin/settings`)).status).toBe(404);
    expect(host.output()).toContain("function ReservedRoute: the route 'admin/settings' conflicts with the host's built-in routes");
  });

  test('HEAD returns the headers without a body', async () => {
    const res = await fetch(`${host.url}/api/page`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toBe('');
  });

  test('the banner lists every function with its methods and route, and the dev pages', () => {
    expect(host.output()).toMatch(/Echo\s+\[GET,POST,PUT\] http:\/\/127\.0\.0\.1:\d+\/api\/echo\/\{name:alpha\}\/\{rest\?\}/);
    expect(host.output()).toMatch(/Chain\s+orchestrationTrigger/);
    expect(host.output()).toMatch(/Tick\s+timerTrigger/);
    expect(host.output()).toContain('/dev/clock');
  });

  test('the clock API validates its input with a problem response', async () => {
    const bad = await fetch(`${host.url}/dev/clock`, { method: 'POST', body: '{"advance":"two days"}' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect((await json<{ errors: Array<{ path: string }> }>(bad)).errors[0]?.path).toBe('advance');
    expect((await fetch(`${host.url}/dev/clock`, { method: 'POST', body: '{' })).status).toBe(400);
  });
});
