import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { parseConfig } from '../../../../src/config';
import { OverrideTemplateSource } from '../../../../src/adapters/templates/override-template-source';
import { defaultTemplate } from '../../../../src/adapters/templates/default-templates';
import { createTemplateCache, renderMessage } from '../../../../src/channels/templates';
import type { WhatsAppContent } from '../../../../src/channels/whatsapp';
import { chooseWhatsAppContent, OUTSIDE_WINDOW_REASON, windowedWhatsAppSender, WHATSAPP_WINDOW_MS } from '../../../../src/channels/whatsapp/whatsapp-sender';
import { buildMergeContext, DEFAULT_SETTINGS, SAMPLE_MEETINGS, SAMPLE_ORGANISATION } from '../../../../src/domain';
import type { HandlerEnv } from '../../../../src/http/handler-env';
import { previewHandler } from '../../../../src/http/template-preview';
import { templateHandlers } from '../../../../src/http/templates';
import type { ChannelSender, Dispatch } from '../../../../src/ports/dispatch';
import { FakeSettingsStore } from '../../../fakes/fake-settings-store';
import { FakeTemplateStore } from '../../../fakes/fake-template-store';
import { fakeDeps } from '../../../fakes/fake-deps';
import { FakeConversationWindows } from '../../../fakes/fake-whatsapp-stores';
import { RecordingWorkflow } from '../../../fakes/recording-workflow';

const API_KEY = 'whatsapp-templates-test-key-0123';
const KEY = { 'x-api-key': API_KEY, 'content-type': 'application/json' };

function setup() {
  const templateStore = new FakeTemplateStore();
  const deps = fakeDeps({
    config: parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', PUBLIC_BASE_URL: 'https://comms.example.com', API_KEY }),
    settings: new FakeSettingsStore(DEFAULT_SETTINGS),
    templateStore,
    templates: new OverrideTemplateSource(templateStore, { warn: () => undefined }),
  });
  const env: HandlerEnv = { deps: () => deps, workflow: () => new RecordingWorkflow() };
  const preview = previewHandler(env);
  return { templates: templateHandlers(env), preview: (req: HttpRequest) => preview(req, new InvocationContext({ functionName: 'PreviewTemplate', logHandler: () => undefined })) };
}
const put = (path: string, body: unknown): HttpRequest => {
  const [type, channel, locale] = path.split('/');
  return new HttpRequest({ method: 'PUT', url: `http://localhost/api/templates/${path}`, headers: KEY, params: { type: type ?? '', channel: channel ?? '', locale: locale ?? '' }, body: { string: JSON.stringify(body) } });
};
const get = (path: string): HttpRequest => {
  const [type, channel, locale] = path.split('/');
  return new HttpRequest({ method: 'GET', url: `http://localhost/api/templates/${path}`, headers: KEY, params: { type: type ?? '', channel: channel ?? '', locale: locale ?? '' } });
};
const errorsOf = (res: HttpResponseInit) => (res.jsonBody as { errors?: Array<{ path: string; message: string; field?: string }> }).errors ?? [];

const reminder = {
  name: 'meeting_reminder', language: 'en_US',
  body: 'Hi {{ contactFirstName }}, see you on {{ startDateShort }} at {{ startTime }}.',
  buttons: [{ text: 'Confirm', payload: 'confirm' }, { text: 'Cancel', payload: 'cancel' }],
};

describe('WhatsApp templates through the template routes', () => {
  test('GET shows the shipped mapping: approved name, language, body and buttons', async () => {
    const res = await setup().templates.get(get('reminder/whatsapp/es-ES'));
    expect(res.status).toBe(200);
    expect(res.jsonBody).toMatchObject({ name: 'meeting_reminder', language: 'es_ES', body: expect.stringContaining('{{ contactFirstName }}'), buttons: [{ payload: 'confirm' }, { payload: 'cancel' }, { payload: 'reschedule' }], source: 'default' });
  });

  test('PUT saves an admin mapping; GET shows it', async () => {
    const { templates } = setup();
    const saved = await templates.put(put('reminder/whatsapp/en-US', reminder));
    expect(saved).toMatchObject({ status: 200, jsonBody: { ...reminder, source: 'custom', version: 1 } });
    expect((await templates.get(get('reminder/whatsapp/en-US'))).jsonBody).toMatchObject({ ...reminder, source: 'custom' });
  });

  test.each([
    ['an unknown merge field', { ...reminder, body: 'Hi {{ contactFirstName }}, see you {{ startDay }}.' }, 'body', /unknown merge field "startDay"/],
    ['more than 3 buttons', { ...reminder, buttons: [...reminder.buttons, { text: 'Later', payload: 'reschedule' }, { text: 'No', payload: 'cancel' }] }, 'buttons', /at most 3 buttons/],
    ['a body starting with a parameter', { ...reminder, body: '{{ contactFirstName }}, see you at {{ startTime }}.' }, 'body', /must not start with a parameter/],
    ['a body ending with a parameter', { ...reminder, body: 'See you at {{ startTime }}' }, 'body', /must not end with a parameter/],
    ['two parameters side by side', { ...reminder, body: 'See you {{ startDateShort }} {{ startTime }} then.' }, 'body', /side by side/],
    ['Liquid tags in the approved body', { ...reminder, body: 'Hi{% if contactFirstName %} {{ contactFirstName }}{% endif %}, see you.' }, 'body', /Liquid tags/],
    ['a payload that is no intent', { ...reminder, buttons: [{ text: 'Maybe', payload: 'maybe' }] }, 'buttons[0].payload', /must be one of/],
    ['the same payload on two buttons', { ...reminder, buttons: [{ text: 'Yes', payload: 'confirm' }, { text: 'Sure', payload: 'confirm' }] }, 'buttons[1].payload', /two buttons/],
    ['a template without its language', { name: 'x_y', body: 'Hi {{ contactFirstName }}.' }, 'language', /required/],
    ['neither template nor text', {}, 'text', /required/],
    ['another key', { ...reminder, html: '<p>' }, 'html', /./],
  ])('PUT with %s → 400 naming the field', async (_label, body, path, message) => {
    const res = await setup().templates.put(put('reminder/whatsapp/en-US', body));
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]));
  });

  test('the preview shows the message as WhatsApp would: the body with its values, then the buttons', async () => {
    const res = await setup().preview(new HttpRequest({ method: 'POST', url: 'http://localhost/api/templates/preview', headers: KEY, body: { string: JSON.stringify({ type: 'reminder', channel: 'whatsapp', locale: 'en-US', template: reminder }) } }));
    expect(res.status).toBe(200);
    const body = res.jsonBody as { text: string; html: string; sms: unknown; subject: unknown };
    expect(body.text).toMatch(/^Hi Bob, see you on .+ at .+\.\n\n\[ Confirm \] {2}\[ Cancel \]$/);
    expect(body.html).toMatch(/<div class="whatsapp-message"><p>Hi Bob, .*<\/p><div class="whatsapp-buttons"><button type="button" data-payload="confirm">Confirm<\/button><button type="button" data-payload="cancel">Cancel<\/button><\/div><\/div>/);
    expect(body).toMatchObject({ subject: null, sms: null });
  });
});

describe('WhatsApp template binding', () => {
  const meeting = SAMPLE_MEETINGS['en-US'];
  const context = buildMergeContext({ meeting, locale: 'en-US', zone: meeting.contact.timeZone, cancelLink: null, organisationName: SAMPLE_ORGANISATION });
  const render = (source: unknown): WhatsAppContent => {
    const out = renderMessage(createTemplateCache(), 'whatsapp', source, context);
    if (!out.ok) throw new Error(JSON.stringify(out.errors));
    return out.value.content as WhatsAppContent;
  };

  test('binds each {{ field }} of the body, in order, to one template parameter, as WhatsApp takes parameters', () => {
    const content = render({ ...reminder, body: 'Hi {{ contactFirstName }}, about "{{ subject }}": {{ adminInstructions }} Thanks.' });
    expect(content.template).toEqual({ name: 'meeting_reminder', language: 'en_US', parameters: [meeting.contact.firstName, meeting.subject, 'Bring a photo ID.'], buttons: reminder.buttons });
    expect(content.freeText).toBeNull();
    // An empty value is a dash and new lines a space: WhatsApp refuses both in a parameter.
    const empty = render({ ...reminder, body: 'Note: {{ customerNotes | remove: customerNotes }} end.' });
    expect(empty.template?.parameters).toEqual(['-']);
  });

  test.each(['reminder', 'confirmation', 'cancellation'] as const)('the shipped %s mapping renders with its buttons', (type) => {
    const content = render(defaultTemplate(type, 'en-US').whatsapp);
    expect(content.template?.name).toBe(`meeting_${type}`);
    expect(content.template?.parameters.length).toBeGreaterThan(0);
    expect(content.template?.buttons.map((b) => b.payload)).toEqual(type === 'reminder' ? ['confirm', 'cancel', 'reschedule'] : type === 'confirmation' ? ['confirm', 'cancel'] : []);
  });
});

describe('the 24-hour window: free text only inside it, templates otherwise', () => {
  const now = new Date('2026-12-02T10:00:00Z');
  const both: WhatsAppContent = { channel: 'whatsapp', text: 'x', freeText: 'Thanks Bob!', buttons: [], template: { name: 't', language: 'en_US', parameters: ['Bob'], buttons: [] } };
  const textOnly: WhatsAppContent = { ...both, template: null };
  const ago = (ms: number): string => new Date(now.getTime() - ms).toISOString();

  test('inside the window a free text goes as text', () => {
    expect(chooseWhatsAppContent(both, ago(WHATSAPP_WINDOW_MS - 1_000), now)).toMatchObject({ freeText: 'Thanks Bob!', template: null, text: 'Thanks Bob!' });
  });
  test('outside it (or before any message) the template goes instead', () => {
    expect(chooseWhatsAppContent(both, ago(WHATSAPP_WINDOW_MS), now)).toMatchObject({ freeText: null, template: both.template });
    expect(chooseWhatsAppContent(both, undefined, now)).toMatchObject({ freeText: null, template: both.template });
  });
  test('outside it with no template, nothing reaches the provider: failed with the reason', async () => {
    expect(chooseWhatsAppContent(textOnly, ago(WHATSAPP_WINDOW_MS + 1), now)).toEqual({ problem: OUTSIDE_WINDOW_REASON });
    const calls: Dispatch[] = [];
    const inner: ChannelSender = { provider: 'test', send: async (d) => (calls.push(d), { status: 'sent', providerMessageId: 'm1' }) };
    const windows = new FakeConversationWindows();
    const sender = windowedWhatsAppSender(inner, windows, { now: () => now });
    const dispatch: Dispatch = { key: 'k', about: { kind: 'meeting', id: 'A-1' }, channel: 'whatsapp', to: '+14255550123', content: textOnly, firstSentAt: now.toISOString(), purpose: 'replyConfirmed' };
    expect(await sender.send(dispatch)).toEqual({ status: 'failed', kind: 'permanent', reason: OUTSIDE_WINDOW_REASON });
    expect(calls).toHaveLength(0);
    await windows.recordInbound('+14255550123', ago(60_000));
    expect(await sender.send(dispatch)).toEqual({ status: 'sent', providerMessageId: 'm1' });
    expect(calls[0]?.content).toMatchObject({ freeText: 'Thanks Bob!' });
  });
});
