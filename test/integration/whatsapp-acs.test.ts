import { v5 as uuidv5 } from 'uuid';
import { SEND_KEY_UUID_NAMESPACE } from '../../src/adapters/acs/acs-common';
import { startAcsServer, type AcsServer } from '../support/acs-server';
import { API_KEY, AppHost, EVENTS_KEY, meetingBody } from '../support/app-host';
import { tempDir } from '../support/devhost-process';

const CHANNEL = '11111111-2222-4333-8444-555555555555';
const acsEnv = (acs: AcsServer) => ({ ACS_CONNECTION_STRING: acs.connectionString, ACS_SMS_FROM: '+18005550100', ACS_EMAIL_SENDER: 'DoNotReply@contoso.com', WHATSAPP_CHANNEL_ID: CHANNEL });
const deflect = (host: AppHost, body: Record<string, unknown>): Promise<Response> =>
  fetch(`${host.url}/api/deflections`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Key ${API_KEY}` }, body: JSON.stringify(body) });
const postEvent = (host: AppHost, event: Record<string, unknown>): Promise<Response> =>
  fetch(`${host.url}/api/events/acs?key=${EVENTS_KEY}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([event]) });
const envelope = (id: string, eventType: string, data: Record<string, unknown>) => ({ id, subject: 'advancedMessage', eventType, dataVersion: '1.0', metadataVersion: '1', eventTime: new Date().toISOString(), data });

/** The app on the devhost, WhatsApp through the real Messages REST client to the loopback ACS server (no outbox). */
describe('WhatsApp through ACS Advanced Messaging', () => {
  let acs: AcsServer;
  let host: AppHost;
  beforeAll(async () => {
    acs = await startAcsServer();
    host = await AppHost.start({ env: acsEnv(acs) });
    await host.patchSettings({ enabled: true, reminder: { whatsapp: true, daysBefore: 2 }, replies: { enabled: true } });
  });
  afterAll(async () => {
    await host.stop();
    await acs.close();
  });

  test("a deflection in Adereso's shape sends one signed template request, repeatable by its send key, twice asked", async () => {
    const body = { business_phone: '+34910000000', recipient_phone: '34612345611', template_name: 'continue_on_whatsapp', deflection_id: 'ACS-D-1' };
    expect((await deflect(host, body)).status).toBe(202);
    expect((await deflect(host, body)).status).toBe(202);
    await host.settle();
    const delivered = acs.deliveries.filter((d) => d.channel === 'whatsapp' && d.to === '+34612345611');
    expect(delivered).toHaveLength(1);
    const request = acs.sendRequests('whatsapp').find((r) => (r.body as { to?: string[] }).to?.[0] === '+34612345611')!;
    expect(request.authenticated).toBe(true);
    expect(request.headers['repeatability-request-id']).toBe(uuidv5('defl|ACS-D-1|whatsapp', SEND_KEY_UUID_NAMESPACE));
    expect(request.body).toMatchObject({ channelRegistrationId: CHANNEL, kind: 'template', template: { name: 'continue_on_whatsapp', language: 'en_US' } });
    const view = (await (await host.api('deflections/ACS-D-1')).json()) as { status: string; messageId: string };
    expect(view).toMatchObject({ status: 'sent', messageId: delivered[0]!.id });
  });

  test('a reminder template with its buttons; the Delivered status and a button press come back through Event Grid; the thanks is a free text', async () => {
    const id = 'ACS-WA-1';
    const phone = '+14255550171';
    const start = Date.parse((meetingBody(id, await host.now(), 3).start as string));
    expect((await host.schedule(meetingBody(id, await host.now(), 3, { contact: { phone } }))).status).toBe(202);
    await host.settle();
    await host.advance(`PT${Math.ceil((start - 2 * 86_400_000 + 60_000 - (await host.now())) / 1000)}S`);
    await host.settle();
    const sent = acs.deliveries.filter((d) => d.channel === 'whatsapp' && d.to === phone);
    expect(sent).toHaveLength(1);
    const template = (sent[0]!.request as { template: { name: string; values: Array<{ kind: string; payload?: string }>; bindings: { buttons: unknown[] } } }).template;
    expect(template.name).toBe('meeting_reminder');
    expect(template.values.filter((v) => v.kind === 'quickAction').map((v) => v.payload)).toEqual(['confirm', 'cancel', 'reschedule']);
    expect(template.bindings.buttons).toHaveLength(3);

    expect((await postEvent(host, envelope('st-1', 'Microsoft.Communication.AdvancedMessageDeliveryStatusUpdated', { channelType: 'whatsapp', from: CHANNEL, to: phone.slice(1), messageId: sent[0]!.id, status: 'Read', receivedTimestamp: new Date(await host.now()).toISOString() }))).status).toBe(200);
    const press = { channelType: 'whatsapp', from: phone.slice(1), to: CHANNEL, messageId: 'in-1', messageType: 'button', receivedTimestamp: new Date(await host.now()).toISOString(), button: { text: 'Confirm', payload: 'confirm' }, context: { from: CHANNEL, id: sent[0]!.id } };
    expect((await postEvent(host, envelope('in-1', 'Microsoft.Communication.AdvancedMessageReceived', press))).status).toBe(200);
    await host.settle();
    const view = (await host.meeting(id)) as unknown as { attendance: string; communications: Array<{ type: string; channel: string; status: string }> };
    expect(view.attendance).toBe('confirmed');
    expect(view.communications).toContainEqual(expect.objectContaining({ type: 'reminder', channel: 'whatsapp', status: 'delivered' }));
    const thanks = acs.deliveries.filter((d) => d.channel === 'whatsapp' && d.to === phone).slice(1);
    expect(thanks.map((d) => (d.request as { kind: string }).kind)).toEqual(['text']);
  });

  test('a 429 with Retry-After defers the send; it then goes once', async () => {
    acs.nextSends(4, { kind: 'throttle', retryAfterSeconds: 30 });
    expect((await deflect(host, { businessPhone: '+34910000000', recipientPhone: '+34612345612', deflectionId: 'ACS-D-429' })).status).toBe(202);
    await host.settle();
    expect(acs.deliveries.filter((d) => d.to === '+34612345612')).toHaveLength(0);
    await host.advance('PT5M');
    await host.settle();
    expect(acs.deliveries.filter((d) => d.to === '+34612345612')).toHaveLength(1);
    expect(((await (await host.api('deflections/ACS-D-429')).json()) as { status: string }).status).toBe('sent');
  });
});

describe('a crash between the send and its record', () => {
  test('killed right after ACS accepted the deflection message: after the restart the resumed send is the same request, one message', async () => {
    const acs = await startAcsServer();
    const dataDir = tempDir('deflection-kill');
    try {
      const first = await AppHost.start({ dataDir, env: { ...acsEnv(acs), DEVHOST_CRASH_AFTER_SEND: '^defl\\|' } });
      const exited = new Promise<number | null>((resolve) => first.host.child.once('exit', (c, signal) => resolve(signal === 'SIGKILL' ? -9 : c)));
      expect((await deflect(first, { businessPhone: '+34910000000', recipientPhone: '+34612345613', deflectionId: 'KILL-D-1' })).status).toBe(202);
      expect(await exited).toBe(-9);
      expect(acs.deliveries).toHaveLength(1);

      const second = await AppHost.start({ dataDir, env: acsEnv(acs) });
      try {
        await second.settle();
        await second.advance('PT5M');
        expect(acs.sendRequests('whatsapp').length).toBeGreaterThanOrEqual(2);
        expect(new Set(acs.sendRequests('whatsapp').map((r) => r.headers['repeatability-request-id'])).size).toBe(1);
        expect(acs.deliveries).toHaveLength(1);
        const view = (await (await second.api('deflections/KILL-D-1')).json()) as { status: string; messageId: string };
        expect(view).toMatchObject({ status: 'sent', messageId: acs.deliveries[0]!.id });
      } finally {
        await second.stop();
      }
    } finally {
      await acs.close();
    }
  });
});
