import { AppHost, useAppHost, meetingBody } from '../../support/app-host';
import { json } from '../../support/devhost-process';
import { expectProblem } from './scenario-support';

interface SmsInfo { encoding: string; segments: number; characters: number }
interface Preview { subject: string | null; text: string; html: string | null; sms: SmsInfo | null; testSend?: { status: string; providerMessageId?: string; sendKey?: string; reason?: string } }

/** A meeting the es-ES templates are previewed with: Thursday 3 December 2026, 16:00 in Madrid. */
const spanishMeeting = {
  ...meetingBody('ES-PREVIEW', Date.parse('2026-11-01T00:00:00Z'), 0),
  start: '2026-12-03T15:00:00Z',
  end: '2026-12-03T16:30:00Z',
  contact: { contactId: 'C-9', firstName: 'Lucía', email: 'lucia@example.com', locale: 'es-ES', timeZone: 'Europe/Madrid' },
};

/** POST /api/templates/preview through the devhost: rendering, SMS encoding, test sends and their limits. */
describe('template preview and test send', () => {
  let host: AppHost;
  useAppHost((started) => (host = started));

  const preview = (body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    host.api('templates/preview', { method: 'POST', headers, body: JSON.stringify(body) });
  const ok = async (body: unknown, headers?: Record<string, string>): Promise<Preview> => {
    const res = await preview(body, headers);
    expect({ status: res.status, body: res.status === 200 ? '' : await res.text() }).toEqual({ status: 200, body: '' });
    return json<Preview>(res);
  };
  const token = async (subject: string): Promise<string> =>
    (await json<{ access_token: string }>(await fetch(`${host.url}/dev/token`, { method: 'POST', body: JSON.stringify({ roles: ['Communications.Admin'], subject }) }))).access_token;

  test('email with the sample meeting: rendered subject, text and HTML, a placeholder cancel link, sms null', async () => {
    const out = await ok({ type: 'confirmation', channel: 'email', locale: 'en-US' });
    expect(out.subject).toContain('Mortgage review');
    expect(out.text).toContain('Bob');
    expect(out.text).toContain('Thursday, December 3, 2026');
    expect(out.text).toContain(`${host.url}/api/links/PREVIEW-TOKEN-EXAMPLE`);
    expect(out.html).toContain('Ana Pérez');
    expect(out.sms).toBeNull();
    const notice = await ok({ type: 'cancellation', channel: 'email', locale: 'en-US' });
    expect(notice.text).not.toContain('PREVIEW-TOKEN-EXAMPLE');
  });

  test('with a given meeting (es-ES): Spanish dates in the meeting contact\'s zone', async () => {
    const out = await ok({ type: 'reminder', channel: 'email', locale: 'es-ES', meeting: spanishMeeting });
    expect(out.text).toContain('Hola, Lucía:');
    expect(out.text).toContain('jueves, 3 de diciembre de 2026');
    expect(out.text).toContain('de 16:00 a 17:30');
    expect(out.text).toContain('1 hora y 30 minutos');
    expect(out.subject).toContain('3/12/2026');
  });

  test('an invalid meeting → 400 naming meeting.<field>', async () => {
    await expectProblem(await preview({ type: 'reminder', channel: 'email', locale: 'es-ES', meeting: { ...spanishMeeting, start: 'tomorrow' } }), 400, 'meeting.start');
    await expectProblem(await preview({ type: 'reminder', channel: 'email', locale: 'es-ES', meeting: { ...spanishMeeting, contact: { firstName: 'X' } } }), 400, 'meeting.contact.contactId');
  });

  test('SMS: the default fits one GSM-7 segment; an unsaved template with an emoji is UCS-2', async () => {
    const standard = await ok({ type: 'reminder', channel: 'sms', locale: 'en-US' });
    expect(standard).toMatchObject({ subject: null, html: null, sms: { encoding: 'GSM-7', segments: 1 } });
    expect(standard.sms?.characters).toBe(standard.text.length);

    const draft = await ok({ type: 'reminder', channel: 'sms', locale: 'en-US', template: { text: 'See you soon {{ contactFirstName }} 😀' } });
    expect(draft.text).toBe('See you soon Bob 😀');
    expect(draft.sms).toEqual({ encoding: 'UCS-2', segments: 1, characters: 19 });
    const long = await ok({ type: 'reminder', channel: 'sms', locale: 'en-US', template: { text: `${'x'.repeat(160)} {{ advisorName }}` } });
    expect(long.sms).toEqual({ encoding: 'GSM-7', segments: 2, characters: 170 });
  });

  test('an unsaved email template is previewed, not saved; its errors name template.<part> with line and column', async () => {
    const draft = { subject: 'Draft {{ subject }}', text: 'Draft for {{ contactFirstName }}', html: '<b>{{ customerNotes }}</b>' };
    const out = await ok({ type: 'confirmation', channel: 'email', locale: 'en-US', template: draft, meeting: { ...spanishMeeting, customerNotes: '<script>x</script>' } });
    expect(out).toEqual({ subject: 'Draft Mortgage review', text: 'Draft for Lucía', html: '<b>&lt;script&gt;x&lt;/script&gt;</b>', sms: null });
    expect((await json<{ source: string }>(await host.api('templates/confirmation/email/en-US'))).source).toBe('default');

    const bad = await expectProblem(await preview({ type: 'confirmation', channel: 'email', locale: 'en-US', template: { ...draft, text: 'Hi\n {{ contactFirstNam }}' } }), 400);
    expect(bad.errors).toEqual([{ path: 'template.text', message: 'unknown merge field "contactFirstNam"', field: 'contactFirstNam', line: 2, column: 5 }]);
    await expectProblem(await preview({ type: 'confirmation', channel: 'email', locale: 'en-US', template: { text: 'x' } }), 400, 'template.subject');
  });

  test('bad requests → 400 naming the field: unknown keys, unknown type, malformed JSON', async () => {
    await expectProblem(await preview({ type: 'reminder', channel: 'sms', locale: 'en-US', colour: 'red' }), 400, 'colour');
    await expectProblem(await preview({ type: 'followup', channel: 'sms', locale: 'en-US' }), 400, 'type');
    await expectProblem(await preview({ type: 'reminder', channel: 'sms', locale: 'fr-FR' }), 400, 'locale');
    await expectProblem(await host.api('templates/preview', { method: 'POST', body: '{"type":' }), 400);
  });

  test('sendTo of the wrong kind → 400 naming sendTo, nothing sent', async () => {
    const before = (await host.outbox()).length;
    await expectProblem(await preview({ type: 'reminder', channel: 'email', locale: 'en-US', sendTo: '+14255550123' }), 400, 'sendTo');
    await expectProblem(await preview({ type: 'reminder', channel: 'sms', locale: 'en-US', sendTo: 'admin@example.com' }), 400, 'sendTo');
    await expectProblem(await preview({ type: 'reminder', channel: 'sms', locale: 'en-US', sendTo: '4255550123' }), 400, 'sendTo');
    expect((await host.outbox()).length).toBe(before);
  });

  test('an SMS test send to a landline → 400 naming sendTo "not a mobile number", nothing sent', async () => {
    const before = (await host.outbox()).length;
    const problem = await expectProblem(await preview({ type: 'reminder', channel: 'sms', locale: 'en-US', sendTo: '+34 911 23 45 67' }), 400, 'sendTo');
    expect(problem.errors).toEqual([{ path: 'sendTo', message: 'cannot be sent to by SMS: not a mobile number' }]);
    expect(JSON.stringify(problem)).not.toContain('911');
    expect((await host.outbox()).length).toBe(before);
  });

  test('a test send reaches the outbox as type test ([TEST] subject) and changes no meeting or ledger', async () => {
    await host.enableAll();
    const id = 'TEST-SEND-1';
    const body = meetingBody(id, await host.now(), 10);
    expect((await host.schedule(body)).status).toBe(202);
    await host.settle();
    const [viewBefore, sentBefore] = [await host.meeting(id), await host.outbox(id)];

    const email = await ok({ type: 'confirmation', channel: 'email', locale: 'en-US', meeting: body, sendTo: 'admin@example.com' });
    expect(email.testSend).toEqual({ status: 'sent', providerMessageId: expect.any(String), sendKey: expect.stringMatching(/^test\|[0-9a-f-]{36}$/) });
    const sms = await ok({ type: 'reminder', channel: 'sms', locale: 'en-US', sendTo: '+1 425 555 0199' });
    expect(sms.testSend?.status).toBe('sent');
    await host.settle();

    const all = await host.outbox();
    const testEmail = all.find((m) => m.sendKey === email.testSend?.sendKey);
    expect(testEmail).toMatchObject({ type: 'test', channel: 'email', to: 'admin@example.com', meetingId: null, subject: `[TEST] ${email.subject}`, text: email.text, html: email.html, id: email.testSend?.providerMessageId });
    expect(all.find((m) => m.sendKey === sms.testSend?.sendKey)).toMatchObject({ type: 'test', channel: 'sms', to: '+14255550199', meetingId: null, text: sms.text });
    expect(await host.meeting(id)).toEqual(viewBefore);
    expect(await host.outbox(id)).toEqual(sentBefore);
  });

  test('test sends are rate-limited per admin (10 per hour) → 429 with Retry-After; another admin is unaffected', async () => {
    const limited = { authorization: `Bearer ${await token('admin-busy')}`, 'x-api-key': '' };
    const request = { type: 'reminder', channel: 'sms', locale: 'en-US', sendTo: '+14255550123' };
    for (let n = 1; n <= 10; n += 1) expect((await ok(request, limited)).testSend?.status).toBe('sent');
    const refused = await preview(request, limited);
    await expectProblem(refused, 429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // A preview without sendTo is not limited, nor is another admin.
    expect((await preview({ type: 'reminder', channel: 'sms', locale: 'en-US' }, limited)).status).toBe(200);
    expect((await ok(request, { authorization: `Bearer ${await token('admin-calm')}`, 'x-api-key': '' })).testSend?.status).toBe('sent');
  });
});
