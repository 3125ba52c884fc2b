import { AppHost, useAppHost, meetingBody } from '../../support/app-host';
import { json } from '../../support/devhost-process';
import { expectProblem, ofType } from './scenario-support';

interface TemplateDoc { subject?: string; text: string; html?: string; source: string; version?: number; updatedAt?: string; updatedBy?: string }
interface TemplateError { path: string; message: string; line?: number; column?: number }

const custom = {
  subject: 'Booked: {{ subject }}',
  text: 'CUSTOM confirmation for {{ contactFirstName }} on {{ startDate }} at {{ startTime }}.',
  html: '<p>CUSTOM confirmation for {{ contactFirstName }}</p>',
};

/**
 * The admin template API (GET/PUT/DELETE /api/templates/{type}/{channel}/{locale}, …/history)
 * through the devhost: overrides, validation, reset, history and authorisation.
 */
describe('template admin API', () => {
  let host: AppHost;
  useAppHost((started) => (host = started), {}, {});

  const path = (p = 'confirmation/email/en-US'): string => `templates/${p}`;
  const get = async (p?: string): Promise<TemplateDoc> => {
    const res = await host.api(path(p));
    expect(res.status).toBe(200);
    return json<TemplateDoc>(res);
  };
  const put = (body: unknown, p?: string): Promise<Response> => host.api(path(p), { method: 'PUT', body: JSON.stringify(body) });
  const errorsOf = async (res: Response, status = 400): Promise<TemplateError[]> => (await expectProblem(res, status)).errors as TemplateError[];

  test('GET without an override → the shipped default (email and SMS shapes), source default', async () => {
    const email = await get();
    expect(email).toEqual({ subject: expect.stringContaining('{{ subject }}'), text: expect.any(String), html: expect.stringContaining('<'), source: 'default' });
    const sms = await get('reminder/sms/es-ES');
    expect(sms).toEqual({ text: expect.stringContaining('responda NO'), source: 'default' });
  });

  test.each([
    ['nope/email/en-US', 'type'], ['confirmation/fax/en-US', 'channel'], ['confirmation/email/fr-FR', 'locale'],
  ])('GET %s → 404 naming the unknown segment (%s)', async (p, segment) => {
    await expectProblem(await host.api(path(p)), 404, segment);
  });

  test('PUT a valid template → 200 custom version 1; GET shows it; a meeting scheduled afterwards uses it', async () => {
    const res = await put(custom);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ...custom, source: 'custom', version: 1, updatedAt: expect.any(String), updatedBy: 'api-key' });
    expect(await get()).toMatchObject({ ...custom, source: 'custom', version: 1 });

    expect((await host.schedule(meetingBody('TPL-1', await host.now(), 10))).status).toBe(202);
    await host.settle();
    const sent = await host.outbox('TPL-1');
    const [email] = ofType(sent, 'confirmation', 'email');
    expect(email?.text).toMatch(/^CUSTOM confirmation for Bob on \w+day, \w+ \d+, \d{4} at \d+:\d\d [AP]M\.$/);
    expect(email?.subject).toBe('Booked: Mortgage review');
    expect(email?.html).toBe('<p>CUSTOM confirmation for Bob</p>');
    // The SMS has no override: still the default.
    expect(ofType(sent, 'confirmation', 'sms')[0]?.text).toContain('appointment confirmed');
  });

  test('a misspelt merge field → 400 naming the field with line and column; nothing saved', async () => {
    const res = await put({ ...custom, html: '<p>\n  Hi {{ contactFirstNam }}</p>' });
    expect(await errorsOf(res)).toEqual([{ path: 'html', message: 'unknown merge field "contactFirstNam"', field: 'contactFirstNam', line: 2, column: 9 }]);
    expect((await get()).version).toBe(1);
  });

  test('a Liquid syntax error (an unclosed {% if %}) → 400 with line and column', async () => {
    const res = await put({ text: 'Hi {{ contactFirstName }}\n{% if isOnline %}online' }, 'reminder/sms/en-US');
    const errors = await errorsOf(res);
    expect(errors).toEqual([{ path: 'text', message: expect.stringContaining('not closed'), line: 2, column: 1 }]);
    expect((await get('reminder/sms/en-US')).source).toBe('default');
  });

  test('size limits per part → 400 naming the part; a body over 512 KiB → 413', async () => {
    expect((await errorsOf(await put({ ...custom, subject: 'x'.repeat(301) }))).map((e) => e.path)).toEqual(['subject']);
    expect((await errorsOf(await put({ ...custom, html: 'x'.repeat(100_001) }))).map((e) => e.path)).toEqual(['html']);
    expect((await errorsOf(await put({ text: 'x'.repeat(1_601) }, 'reminder/sms/en-US'))).map((e) => e.path)).toEqual(['text']);
    await expectProblem(await put({ ...custom, html: 'é'.repeat(300_000) }), 413);
    expect((await get()).version).toBe(1);
  });

  test('unknown keys, missing or empty parts, wrong shapes and malformed JSON → 400', async () => {
    await expectProblem(await put({ ...custom, footer: 'x' }), 400, 'footer');
    await expectProblem(await put({ ...custom, subject: 'x' }, 'reminder/sms/en-US'), 400, 'subject');
    await expectProblem(await put({ subject: 'x', text: 'y' }), 400, 'html');
    await expectProblem(await put({ ...custom, text: '  ' }), 400, 'text');
    await expectProblem(await put([custom]), 400);
    await expectProblem(await host.api(path(), { method: 'PUT', body: '{"subject":' }), 400);
    expect((await get()).version).toBe(1);
  });

  test('what GET returned can be PUT back (read-only fields are ignored)', async () => {
    const res = await put(await get());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ...custom, source: 'custom', version: 2 });
  });

  test('DELETE → back to the shipped default (200, source default); again → 200; the next meeting uses the default', async () => {
    const res = await host.api(path(), { method: 'DELETE' });
    expect(res.status).toBe(200);
    const body = await json<TemplateDoc>(res);
    expect(body.source).toBe('default');
    expect(body.version).toBeUndefined();
    expect(await get()).toEqual(body);
    expect((await host.api(path(), { method: 'DELETE' })).status).toBe(200);

    expect((await host.schedule(meetingBody('TPL-2', await host.now(), 10))).status).toBe(202);
    await host.settle();
    expect(ofType(await host.outbox('TPL-2'), 'confirmation', 'email')[0]?.text).not.toContain('CUSTOM');
  });

  test('history keeps the last 10 versions, newest first (12 saves)', async () => {
    for (let n = 1; n <= 12; n += 1) expect((await put({ text: `Version ${n}: {{ startTime }}` }, 'cancellation/sms/es-ES')).status).toBe(200);
    const res = await host.api(path('cancellation/sms/es-ES/history'));
    expect(res.status).toBe(200);
    const { versions } = await json<{ versions: Array<{ version: number; text: string; savedAt: string; savedBy: string }> }>(res);
    expect(versions.map((v) => v.version)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    expect(versions[0]).toEqual({ version: 12, text: 'Version 12: {{ startTime }}', savedAt: expect.any(String), savedBy: 'api-key' });
    expect((await get('cancellation/sms/es-ES')).version).toBe(12);
  });

  describe('authorisation', () => {
    const token = async (body: Record<string, unknown>): Promise<string> =>
      (await json<{ access_token: string }>(await fetch(`${host.url}/dev/token`, { method: 'POST', body: JSON.stringify(body) }))).access_token;
    // Every row has a body (null: none), so jest does not take a missing third value for `done`.
    const routes: Array<[string, string, unknown]> = [
      ['GET', 'confirmation/email/en-US', null], ['PUT', 'confirmation/email/en-US', custom], ['DELETE', 'confirmation/email/en-US', null],
      ['GET', 'confirmation/email/en-US/history', null], ['POST', 'preview', { type: 'reminder', channel: 'sms', locale: 'en-US' }],
    ];
    const call = (method: string, p: string, body: unknown, headers: Record<string, string>): Promise<Response> =>
      fetch(`${host.url}/api/templates/${p}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === null ? {} : { body: JSON.stringify(body) }) });

    test.each(routes)('%s %s: no credentials → 401, a customer token → 403', async (method, p, body) => {
      await expectProblem(await call(method, p, body, {}), 401);
      await expectProblem(await call(method, p, body, { authorization: 'Bearer garbage' }), 401);
      await expectProblem(await call(method, p, body, { authorization: `Bearer ${await token({ contactId: 'C-77' })}` }), 403);
    });

    test('an admin token is accepted and recorded as updatedBy', async () => {
      const admin = await token({ roles: ['Communications.Admin'], subject: 'admin-ana' });
      const res = await call('PUT', 'reminder/email/es-ES', custom, { authorization: `Bearer ${admin}` });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ source: 'custom', updatedBy: 'admin-ana' });
    });
  });
});
