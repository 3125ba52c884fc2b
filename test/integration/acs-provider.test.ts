import { startAcsServer, type AcsServer } from '../support/acs-server';
import { AppHost, meetingBody } from '../support/app-host';

/**
 * The app on the devhost sending through the real ACS SDK clients to a loopback server that checks
 * their HMAC signatures and speaks ACS's wire protocol (no outbox).
 */
describe('sending through Azure Communication Services', () => {
  let acs: AcsServer;
  let host: AppHost;
  beforeAll(async () => {
    acs = await startAcsServer();
    host = await AppHost.start({ env: { ACS_CONNECTION_STRING: acs.connectionString, ACS_SMS_FROM: '+18005550100', ACS_EMAIL_SENDER: 'DoNotReply@contoso.com' } });
    await host.enableAll();
  });
  afterAll(async () => {
    await host.stop();
    await acs.close();
  });

  test('confirmations go out once each, signed, with the send key as SMS tag and repeatability ID', async () => {
    const now = await host.now();
    expect((await host.schedule(meetingBody('ACS-OK', now, 10))).status).toBe(202);
    await host.settle();
    const sms = acs.deliveries.filter((d) => d.channel === 'sms' && d.to === '+14255550123');
    const email = acs.deliveries.filter((d) => d.channel === 'email' && d.to === 'bob@example.com');
    expect(sms).toHaveLength(1);
    expect(email).toHaveLength(1);
    expect(acs.sendRequests('sms').every((r) => r.authenticated)).toBe(true);
    expect(JSON.stringify(sms[0]?.request)).toContain('ACS-OK|1|confirmation|sms');
    const view = await host.meeting('ACS-OK');
    expect(view.communications.filter((c) => c.type === 'confirmation').map((c) => `${c.channel}:${c.status}`).sort()).toEqual(['email:sent', 'sms:sent', 'voice:skipped', 'whatsapp:skipped']);
    expect((await host.outbox('ACS-OK'))).toEqual([]);
  });

  test('a number the provider rejects: the SMS is failed with the reason, not retried; the email still goes', async () => {
    acs.forRecipient('+14255550199', { kind: 'invalidRecipient' });
    const before = acs.sendRequests('sms').length;
    const now = await host.now();
    await host.schedule(meetingBody('ACS-BADNUMBER', now, 10, { contact: { phone: '+14255550199' } }));
    await host.settle();
    await host.advance('PT10M'); // past every retry back-off: nothing more may be sent
    expect(acs.sendRequests('sms').length - before).toBe(1);
    const view = await host.meeting('ACS-BADNUMBER');
    const sms = view.communications.find((c) => c.type === 'confirmation' && c.channel === 'sms');
    expect(sms?.status).toBe('failed');
    expect(sms?.reason).toBeTruthy();
    expect(sms?.reason).not.toContain('+14255550199');
    expect(view.communications.find((c) => c.type === 'confirmation' && c.channel === 'email')?.status).toBe('sent');
  });

  test('a provider outage is retried by the host and the message goes out once it recovers', async () => {
    acs.nextSends(8, { kind: 'serverError', status: 503 });
    const now = await host.now();
    await host.schedule(meetingBody('ACS-OUTAGE', now, 10, { contact: { email: 'outage@example.com', phone: null } }));
    await host.settle();
    await host.advance('PT10M');
    const delivered = acs.deliveries.filter((d) => d.to === 'outage@example.com');
    expect(delivered).toHaveLength(1);
    expect((await host.meeting('ACS-OUTAGE')).communications.find((c) => c.type === 'confirmation' && c.channel === 'email')?.status).toBe('sent');
  });
});
