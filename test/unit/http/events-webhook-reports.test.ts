import { ceEmailDeliveryReport, ceSmsDeliveryReport, ceSmsReceived, egEmailDeliveryReport, egSmsReceived, withField } from '../inbound/acs-samples';
import { about, EMAIL_ID, EMAIL_KEY, SMS_ID, SMS_KEY, sent, setup, statusOf, tagged } from './events-fixture';

describe('POST /api/events/acs: delivery reports', () => {
  test('an SMS report (Event Grid, camelCase) finds its row by the send key in Tag, even without the index', async () => {
    const { post, deps } = setup();
    await sent(deps, SMS_KEY, SMS_ID, false);
    expect((await post([tagged(SMS_KEY)])).status).toBe(200);
    expect(await deps.ledger.get(about, SMS_KEY)).toMatchObject({ status: 'delivered', deliveredAt: '2020-09-18T00:22:20.285Z' });
  });

  test('a CloudEvents SMS report (PascalCase, no tag) is matched through the message index', async () => {
    const { post, deps } = setup();
    await sent(deps, SMS_KEY, SMS_ID);
    expect((await post(ceSmsDeliveryReport(), { type: 'application/cloudevents+json; charset=utf-8' })).status).toBe(200);
    expect(await statusOf(deps, SMS_KEY)).toBe('delivered');
  });

  test('an email report is matched through the message index (Event Grid and a CloudEvents batch)', async () => {
    const { post, deps } = setup();
    await sent(deps, EMAIL_KEY, EMAIL_ID);
    expect((await post([egEmailDeliveryReport()])).status).toBe(200);
    expect(await statusOf(deps, EMAIL_KEY)).toBe('delivered');
    const other = 'A-1002|1|confirmation|email';
    await deps.ledger.claim({ sendKey: other, about, type: 'confirmation', channel: 'email', plannedFor: null }, deps.clock.now());
    await deps.messageIndex.record('950850f5-bcdf-4315-b77a-6447cf56fac9', { about, sendKey: other });
    deps.clock.set('2023-02-09T19:50:00.000Z');
    expect((await post([ceEmailDeliveryReport()], { type: 'application/cloudevents-batch+json' })).status).toBe(200);
    expect(await statusOf(deps, other)).toBe('delivered');
  });

  test('a permanent failure (email Bounced) is recorded failed with the reason, and a later Delivered does not undo it', async () => {
    const { post, deps } = setup();
    await sent(deps, EMAIL_KEY, EMAIL_ID);
    expect((await post([withField(egEmailDeliveryReport(), 'data.status', 'Bounced')])).status).toBe(200);
    expect(await deps.ledger.get(about, EMAIL_KEY)).toMatchObject({ status: 'failed', reason: 'email: Bounced (permanent)' });
    expect((await post([withField(egEmailDeliveryReport(), 'id', 'another-delivery')])).status).toBe(200);
    expect(await statusOf(deps, EMAIL_KEY)).toBe('failed');
  });

  test('out of order: Delivered before the send is recorded (row claimed) stays delivered when markSent follows', async () => {
    const { post, deps } = setup();
    await deps.ledger.claim({ sendKey: SMS_KEY, about, type: 'confirmation', channel: 'sms', plannedFor: null }, deps.clock.now());
    expect((await post([tagged(SMS_KEY)])).status).toBe(200);
    expect(await statusOf(deps, SMS_KEY)).toBe('delivered');
    await deps.ledger.markSent(about, SMS_KEY, SMS_ID, deps.clock.now());
    expect(await deps.ledger.get(about, SMS_KEY)).toMatchObject({ status: 'delivered', providerMessageId: SMS_ID });
  });

  test('out of order: Failed after Delivered stays delivered', async () => {
    const { post, deps } = setup();
    await sent(deps, SMS_KEY, SMS_ID);
    await post([tagged(SMS_KEY)]);
    expect((await post([withField(withField(tagged(SMS_KEY), 'id', 'late-failure'), 'data.deliveryStatus', 'Failed')])).status).toBe(200);
    expect(await deps.ledger.get(about, SMS_KEY)).toMatchObject({ status: 'delivered', reason: null });
  });

  test('the same event twice is handled once: the second delivery is a duplicate', async () => {
    const { post, deps } = setup();
    await sent(deps, SMS_KEY, SMS_ID);
    await post([tagged(SMS_KEY)]);
    await post([tagged(SMS_KEY)]);
    expect(deps.log.infos.filter((line) => line.includes(`send ${SMS_KEY} delivered`))).toHaveLength(1);
  });

  test('a report for a message not (yet) recorded is 503, so Event Grid retries; an old one is dropped with 200', async () => {
    const { post, deps } = setup();
    const res = await post([egEmailDeliveryReport()]);
    expect(res.status).toBe(503);
    expect(await deps.processedEvents.seen('acs', EMAIL_ID)).toBe(false);
    await sent(deps, EMAIL_KEY, EMAIL_ID);
    expect((await post([egEmailDeliveryReport()])).status).toBe(200);
    expect(await statusOf(deps, EMAIL_KEY)).toBe('delivered');
    deps.clock.set('2020-09-19T00:00:00.000Z');
    expect((await post([withField(withField(egEmailDeliveryReport(), 'id', 'stale'), 'data.messageId', 'unknown-message')])).status).toBe(200);
    expect(deps.log.warns.join('\n')).toContain('event stale: delivered report for an unknown message, dropped');
  });

  test('storage failing when the event ID is recorded is 503; the redelivery is handled and changes nothing more', async () => {
    const { post, deps } = setup();
    await sent(deps, SMS_KEY, SMS_ID);
    deps.processedEvents.failRecord = Object.assign(new Error('storage down'), { code: 'ECONNREFUSED' });
    expect((await post([tagged(SMS_KEY)])).status).toBe(503);
    deps.processedEvents.failRecord = undefined;
    expect((await post([tagged(SMS_KEY)])).status).toBe(200);
    expect(await statusOf(deps, SMS_KEY)).toBe('delivered');
    expect(await deps.processedEvents.seen('acs', SMS_ID)).toBe(true);
  });
});

describe('POST /api/events/acs: replies', () => {
  test.each([['Event Grid', egSmsReceived(), 'application/json'], ['CloudEvents', ceSmsReceived(), 'application/cloudevents+json']])('an SMSReceived (%s) reaches handleReply once, and no log line holds the number or the text', async (_name, event, type) => {
    const { post, deps, logs } = setup();
    const body = type === 'application/json' ? [event] : event;
    expect((await post(body, { type })).status).toBe(200);
    expect((await post(body, { type })).status).toBe(200);
    const id = 'Incoming_20200918002745d29ebbea-3341-4466-9690-0a03af35228e';
    expect(deps.log.infos.filter((line) => line.startsWith(`reply ${id}`))).toHaveLength(1);
    const all = [...deps.log.infos, ...deps.log.warns, ...logs].join('\n');
    expect(all).not.toMatch(/5555555555|Great to connect/);
  });
});
