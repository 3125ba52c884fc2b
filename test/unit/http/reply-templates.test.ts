import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { parseConfig } from '../../../src/config';
import { OverrideTemplateSource } from '../../../src/adapters/templates/override-template-source';
import { DEFAULT_SETTINGS, REPLY_TYPES, SUPPORTED_LOCALES, type Settings } from '../../../src/domain';
import type { HandlerEnv } from '../../../src/http/handler-env';
import { previewHandler } from '../../../src/http/template-preview';
import { templateHandlers } from '../../../src/http/templates';
import { FakeSettingsStore } from '../../fakes/fake-settings-store';
import { FakeTemplateStore } from '../../fakes/fake-template-store';
import { fakeDeps } from '../../fakes/fake-deps';
import { RecordingWorkflow } from '../../fakes/recording-workflow';

const API_KEY = 'reply-templates-test-key-0123';
const KEY = { 'x-api-key': API_KEY, 'content-type': 'application/json' };

function setup(settings: Settings = DEFAULT_SETTINGS) {
  const templateStore = new FakeTemplateStore();
  const deps = fakeDeps({
    config: parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', PUBLIC_BASE_URL: 'https://comms.example.com', API_KEY }),
    settings: new FakeSettingsStore(settings),
    templateStore,
    templates: new OverrideTemplateSource(templateStore, { warn: () => undefined }),
  });
  const env: HandlerEnv = { deps: () => deps, workflow: () => new RecordingWorkflow() };
  const preview = previewHandler(env);
  return { templates: templateHandlers(env), preview: (req: HttpRequest) => preview(req, new InvocationContext({ functionName: 'PreviewTemplate', logHandler: () => undefined })) };
}

const at = (path: string, method = 'GET', body?: unknown): HttpRequest => {
  const [type, channel, locale] = path.split('/');
  return new HttpRequest({
    method, url: `http://localhost/api/templates/${path}`, headers: KEY, params: { type: type ?? '', channel: channel ?? '', locale: locale ?? '' },
    ...(body === undefined ? {} : { body: { string: JSON.stringify(body) } }),
  });
};
const previewOf = (body: unknown): HttpRequest =>
  new HttpRequest({ method: 'POST', url: 'http://localhost/api/templates/preview', headers: KEY, body: { string: JSON.stringify(body) } });
const bodyOf = (res: HttpResponseInit) => res.jsonBody as Record<string, unknown> & { errors?: { path: string; message: string }[] };

describe('reply templates through the template routes', () => {
  test.each(REPLY_TYPES.flatMap((type) => SUPPORTED_LOCALES.map((locale) => `${type}/sms/${locale}`)))('GET %s → the shipped default', async (path) => {
    const res = await setup().templates.get(at(path));
    expect(res.status).toBe(200);
    expect(res.jsonBody).toEqual({ text: expect.stringMatching(/\{\{ \w+ \}\}/), source: 'default' });
  });

  test.each([['GET', 'get'], ['PUT', 'put'], ['DELETE', 'reset'], ['GET', 'history']] as const)('%s (%s) replyHelp/email/en-US → 404 naming the channel', async (method, handler) => {
    const res = await setup().templates[handler](at('replyHelp/email/en-US', method, method === 'PUT' ? { text: 'x' } : undefined));
    expect(res.status).toBe(404);
    expect(bodyOf(res).errors).toEqual([{ path: 'channel', message: 'replyHelp templates exist only for: "sms", "whatsapp"' }]);
  });

  test('an unknown type still lists every template type, reply types included', async () => {
    const res = await setup().templates.get(at('replyMaybe/sms/en-US'));
    expect(res.status).toBe(404);
    expect(bodyOf(res).errors?.[0]).toEqual({ path: 'type', message: expect.stringContaining('"replyWhich"') });
  });

  test('PUT saves an override with history; GET shows it; DELETE goes back to the default and keeps the history', async () => {
    const { templates } = setup();
    const text = 'Gracias {{ contactFirstName }}, nos vemos el {{ startDateNumeric }}.';
    const saved = await templates.put(at('replyConfirmed/sms/es-ES', 'PUT', { text }));
    expect(saved).toMatchObject({ status: 200, jsonBody: { text, source: 'custom', version: 1 } });
    expect((await templates.get(at('replyConfirmed/sms/es-ES'))).jsonBody).toMatchObject({ text, source: 'custom' });
    expect((await templates.get(at('replyConfirmed/sms/en-US'))).jsonBody).toMatchObject({ source: 'default' });
    const reset = await templates.reset(at('replyConfirmed/sms/es-ES', 'DELETE'));
    expect(reset).toMatchObject({ status: 200, jsonBody: { source: 'default' } });
    expect((await templates.history(at('replyConfirmed/sms/es-ES'))).jsonBody).toEqual({ versions: [expect.objectContaining({ text, version: 1 })] });
  });

  test('PUT with an unknown merge field → 400 naming it with line and column', async () => {
    const res = await setup().templates.put(at('replyWhich/sms/en-US', 'PUT', { text: 'Which one?\n{{ meetingChoice }}' }));
    expect(res.status).toBe(400);
    expect(bodyOf(res).errors).toEqual([expect.objectContaining({ path: 'text', field: 'meetingChoice', line: 2 })]);
  });

  test('preview of replyWhich lists the sample meetings with their numbers, in one GSM-7 segment', async () => {
    const res = await setup().preview(previewOf({ type: 'replyWhich', channel: 'sms', locale: 'es-ES' }));
    expect(res.status).toBe(200);
    const body = bodyOf(res);
    expect(body.text).toMatch(/^1 = 3\/12\/2026 16:00 Consulta hipotecaria$/m);
    expect(body.text).toMatch(/^2 = 5\/12\/2026 15:30 Plan de pensiones$/m);
    expect(body.sms).toEqual({ encoding: 'GSM-7', segments: 1, characters: expect.any(Number) });
  });

  test('preview of an unsaved reply template, with the given meeting as the first choice', async () => {
    const res = await setup().preview(previewOf({
      type: 'replyWhich', channel: 'sms', locale: 'en-US', template: { text: '{{ meetingChoices }}' },
      meeting: { subject: 'Loan talk', start: '2026-12-10T15:00:00Z', end: '2026-12-10T15:30:00Z', timeZone: 'America/New_York', advisor: { name: 'Ana' }, contact: { contactId: 'C-1', firstName: 'Bob', phone: '+14255550123' } },
    }));
    expect(bodyOf(res).text).toBe('1 = Thu, Dec 10 10:00 AM Loan talk\n2 = Sat, Dec 5 9:30 AM Pension check-up');
  });

  test('preview of a reply type by email → 400 naming the channel', async () => {
    const res = await setup().preview(previewOf({ type: 'replyHelp', channel: 'email', locale: 'en-US' }));
    expect(res.status).toBe(400);
    expect(bodyOf(res).errors).toEqual([{ path: 'channel', message: 'replyHelp templates exist only for: "sms", "whatsapp"' }]);
  });

  test('preview of the confirmation SMS shows the reply hint only while replies are enabled', async () => {
    const request = { type: 'confirmation', channel: 'sms', locale: 'en-US' };
    const off = bodyOf(await setup().preview(previewOf(request))).text;
    const enabled: Settings = { ...DEFAULT_SETTINGS, replies: { ...DEFAULT_SETTINGS.replies, enabled: true, keywords: { confirm: ['OK'], cancel: [], reschedule: [] } } };
    const on = bodyOf(await setup(enabled).preview(previewOf(request))).text;
    expect(off).toContain('Reply NO to cancel.');
    expect(off).not.toContain('YES');
    expect(on).toContain('Reply YES or OK to confirm, NO to cancel or RESCHEDULE for a new time.');
    const email = bodyOf(await setup(enabled).preview(previewOf({ ...request, channel: 'email' }))).text;
    expect(email).not.toContain('RESCHEDULE');
  });
});
