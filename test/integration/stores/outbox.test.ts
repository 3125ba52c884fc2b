import { CorruptRowError, DEV_OUTBOX_TABLE } from '../../../src/adapters/tables/table-client';
import { OutboxSender, listOutbox } from '../../../src/adapters/outbox/outbox-sender';
import { LOCAL_SENDERS, outboxProvider } from '../../../src/adapters/outbox/outbox-provider';
import { parseConfig } from '../../../src/config';
import type { OutboxMessage } from '../../../src/ports/outbox';
import { parseSendKey } from '../../../src/domain';
import type { About, Dispatch, MessageContent } from '../../../src/ports/dispatch';
import type { AdapterLogger } from '../../../src/adapters/acs/acs-common';
import { rawTable, useAzurite } from './store-fixtures';

const connectionString = useAzurite();

let now = new Date('2026-12-01T09:00:00.000Z');
const clock = { now: (): Date => now };
const logged: unknown[] = [];
const logger: AdapterLogger = { info: (...args) => logged.push(args), warn: (...args) => logged.push(args) };
/** A dispatch as the send core makes it: about the meeting of a meeting send key, else a test. */
function dispatch(key: string, to: string, content: MessageContent): Dispatch {
  const parts = parseSendKey(key);
  const about: About = parts ? { kind: 'meeting', id: parts.meetingId } : { kind: 'test', id: key.split('|')[1] ?? key };
  return { key, about, channel: content.channel, to, content, firstSentAt: now.toISOString(), purpose: parts?.type ?? 'test' };
}
const SMS_FROM = '+18005550177';
const EMAIL_FROM = 'DoNotReply@contoso.com';
const smsSender = (): OutboxSender => new OutboxSender(connectionString(), clock, 'sms', logger, SMS_FROM);
const sms = () => ({ send: (m: { to: string; text: string }, key: string, _at?: Date) => smsSender().send(dispatch(key, m.to, { channel: 'sms', text: m.text })) });
const email = () => ({
  send: (m: { to: string; subject: string; text: string; html: string }, key: string) =>
    new OutboxSender(connectionString(), clock, 'email', logger, EMAIL_FROM).send(dispatch(key, m.to, { channel: 'email', subject: m.subject, text: m.text, html: m.html })),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const text = 'Reminder: Mortgage review tomorrow at 10:00';

// The tests share one outbox and run in order.
describe('outbox senders', () => {
  test('the outbox is empty before the first send', async () => {
    expect(await listOutbox(connectionString())).toEqual([]);
  });

  test('an SMS is recorded with type and meeting from the dispatch, createdAt from the clock', async () => {
    const result = await sms().send({ to: '+14255550123', text }, 'A-1001|2|reminder|sms', now);
    expect(result).toEqual({ status: 'sent', providerMessageId: expect.stringMatching(UUID) });
    expect(await listOutbox(connectionString())).toEqual([
      {
        id: result.status === 'sent' && result.providerMessageId, channel: 'sms', from: SMS_FROM, to: '+14255550123', type: 'reminder', meetingId: 'A-1001',
        subject: null, text, html: null, sendKey: 'A-1001|2|reminder|sms', messageId: result.status === 'sent' && result.providerMessageId, createdAt: '2026-12-01T09:00:00.000Z',
      },
    ]);
  });

  test('the same send key again writes nothing and answers with the first ID', async () => {
    const first = await sms().send({ to: '+14255550123', text }, 'A-1002|1|confirmation|sms', now);
    now = new Date('2026-12-01T09:05:00.000Z');
    const again = await sms().send({ to: '+14255550199', text: 'something else' }, 'A-1002|1|confirmation|sms', now);
    expect(again).toEqual(first);
    const records = (await listOutbox(connectionString())).filter((m) => m.sendKey === 'A-1002|1|confirmation|sms');
    expect(records).toEqual([expect.objectContaining({ to: '+14255550123', text, createdAt: '2026-12-01T09:00:00.000Z' })]);
  });

  test('an email keeps subject, text and HTML; a test send has type test and no meeting', async () => {
    now = new Date('2026-12-01T09:10:00.000Z');
    const message = { to: 'bob@example.com', subject: 'Your meeting', text, html: `<p>${text}</p>` };
    const key = 'test|6f1c1f0e-7c1e-4f51-9a55-6f4b1f1d2a10';
    const result = await email().send(message, key);
    expect((await listOutbox(connectionString())).find((m) => m.sendKey === key)).toEqual({
      ...message, id: result.status === 'sent' && result.providerMessageId, channel: 'email', from: EMAIL_FROM, type: 'test', meetingId: null, sendKey: key,
      messageId: result.status === 'sent' && result.providerMessageId, createdAt: now.toISOString(),
    });
  });

  test('listOutbox is oldest first by createdAt, then by send key', async () => {
    now = new Date('2026-12-01T08:00:00.000Z');
    await sms().send({ to: '+14255550123', text }, 'Z-2|1|confirmation|sms', now);
    await sms().send({ to: '+14255550123', text }, 'Z-1|1|confirmation|sms', now);
    now = new Date('2026-12-01T10:00:00.000Z');
    await email().send({ to: 'bob@example.com', subject: 's', text, html: 'h' }, 'A-0|1|cancellation|email');
    const keys = (await listOutbox(connectionString())).map((m) => `${m.createdAt.slice(11, 16)} ${m.sendKey}`);
    expect(keys).toEqual([
      '08:00 Z-1|1|confirmation|sms', '08:00 Z-2|1|confirmation|sms',
      '09:00 A-1001|2|reminder|sms', '09:00 A-1002|1|confirmation|sms',
      '09:10 test|6f1c1f0e-7c1e-4f51-9a55-6f4b1f1d2a10', '10:00 A-0|1|cancellation|email',
    ]);
  });

  test('logs carry IDs, never addresses or message text', () => {
    const output = JSON.stringify(logged);
    expect(output).toContain('A-1001|2|reminder|sms');
    for (const secret of ['+1425555', 'bob@example.com', 'Mortgage review', 'Your meeting']) expect(output).not.toContain(secret);
  });

  test('a corrupt row is reported naming the field, not the data, and skipped (issue [2/9])', async () => {
    await rawTable(connectionString(), DEV_OUTBOX_TABLE).upsertEntity({ partitionKey: 'outbox', rowKey: 'X-1|1|reminder|sms', id: 'x', channel: 'fax', to: '+14255550123', text });
    const reports: CorruptRowError[] = [];
    const listed = await listOutbox(connectionString(), (e) => reports.push(e));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.map((m) => m.sendKey)).not.toContain('X-1|1|reminder|sms');
    expect(reports.map((e) => e.message)).toEqual(['DevOutbox: stored row outbox/X-1|1|reminder|sms is corrupt (channel, type, createdAt)']);
    expect(JSON.stringify(reports.map((e) => e.message))).not.toContain('+1425');
  });

  test('the sender comes from ACS_SMS_FROM / ACS_EMAIL_SENDER, else a local one; the listener hears each record, and again for a resumed send', async () => {
    const heard: OutboxMessage[] = [];
    const env = (values: Record<string, string>) => ({ config: parseConfig({ AzureWebJobsStorage: connectionString(), ...values }), clock: { ...clock, sleep: async () => undefined }, logger });
    const local = outboxProvider('sms', (m) => heard.push(m)).create(env({}));
    const configured = outboxProvider('email', (m) => heard.push(m)).create(env({ ACS_EMAIL_SENDER: EMAIL_FROM }));
    const first = await local.send(dispatch('L-1|1|confirmation|sms', '+14255550123', { channel: 'sms', text }));
    await local.send(dispatch('L-1|1|confirmation|sms', '+14255550123', { channel: 'sms', text }));
    await configured.send(dispatch('L-1|1|confirmation|email', 'bob@example.com', { channel: 'email', subject: 's', text, html: 'h' }));
    const messageId = first.status === 'sent' ? first.providerMessageId : '';
    expect(heard.map((m) => [m.sendKey, m.from, m.messageId === messageId])).toEqual([
      ['L-1|1|confirmation|sms', LOCAL_SENDERS.sms, true], ['L-1|1|confirmation|sms', LOCAL_SENDERS.sms, true], ['L-1|1|confirmation|email', EMAIL_FROM, false],
    ]);
  });
});
