import { startAzurite, type TableStorage } from '../../devhost/functions-host/storage';
import { sendDispatch } from '../../src/activities/send-dispatch';
import { installFallbackProvider, listOutbox, outboxProvider } from '../../src/adapters/devhost-hooks';
import { buildDeps } from '../../src/wiring/container';
import type { AppDeps } from '../../src/app/deps';
import { parseConfig } from '../../src/config';
import { normaliseMeeting } from '../../src/domain';

/** The send activity against real adapters (Azurite tables, the outbox channel), no Durable host. */
describe('SendCommunication activity (sendDispatch)', () => {
  let storage: TableStorage;
  let deps: AppDeps;
  const quiet = { info: () => undefined, warn: () => undefined };

  beforeAll(async () => {
    // As the devhost does: channels without a provider record to the local outbox.
    installFallbackProvider(outboxProvider);
    storage = await startAzurite({});
    deps = buildDeps(parseConfig({ AzureWebJobsStorage: storage.connectionString, PUBLIC_BASE_URL: 'https://comms.example.com' }), quiet);
    const current = await deps.settings.get();
    const both = { email: true, sms: true, whatsapp: false, voice: false };
    const saved = await deps.settings.replace({ ...current.settings, enabled: true, confirmation: both, reminder: { ...current.settings.reminder, ...both } }, current.etag, { at: new Date(), by: 'test' });
    expect(saved.ok).toBe(true);
  });
  afterAll(async () => {
    await storage.close();
  });

  async function bookMeeting(id: string): Promise<void> {
    const start = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const meeting = normaliseMeeting({ meetingId: id, subject: 'Review', start, end: new Date(Date.parse(start) + 1_800_000).toISOString(), timeZone: 'Europe/Madrid', advisor: { name: 'Ana' }, contact: { contactId: 'C-1', firstName: 'Bob', email: 'bob@example.com', phone: '+14255550123' } }, { defaultLocale: 'en-US' });
    if (!meeting.ok) throw new Error(JSON.stringify(meeting.errors));
    expect((await deps.meetings.create({ ...meeting.value, status: 'scheduled', version: 1, versionAt: new Date().toISOString(), cancellation: null })).ok).toBe(true);
  }

  test('run twice for one send key: one provider call, the second run reports the recorded send', async () => {
    await bookMeeting('TWICE-1');
    const sendKey = 'TWICE-1|1|confirmation|email';
    const first = await sendDispatch(deps, { about: { kind: 'meeting', id: 'TWICE-1' }, sendKey });
    const second = await sendDispatch(deps, { about: { kind: 'meeting', id: 'TWICE-1' }, sendKey });
    expect(first.status).toBe('sent');
    expect(second).toEqual(first);
    expect((await listOutbox(storage.connectionString)).filter((m) => m.sendKey === sendKey)).toHaveLength(1);
    const entry = (await deps.ledger.list({ kind: 'meeting', id: 'TWICE-1' })).find((e) => e.sendKey === sendKey);
    expect(entry?.status).toBe('sent');
  });

  test('run five times at once for one key: one message reaches the provider', async () => {
    await bookMeeting('PARALLEL-1');
    const sendKey = 'PARALLEL-1|1|confirmation|sms';
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map(() => sendDispatch(deps, { about: { kind: 'meeting', id: 'PARALLEL-1' }, sendKey })));
    expect(new Set(outcomes.map((o) => JSON.stringify(o))).size).toBe(1);
    expect((await listOutbox(storage.connectionString)).filter((m) => m.sendKey === sendKey)).toHaveLength(1);
  });

  test('a key that is not due is skipped without claiming the ledger (the reminder of a meeting 10 days away)', async () => {
    await bookMeeting('NOTDUE-1');
    const outcome = await sendDispatch(deps, { about: { kind: 'meeting', id: 'NOTDUE-1' }, sendKey: 'NOTDUE-1|1|reminder|email' });
    expect(outcome.status).toBe('skipped');
    expect(await deps.ledger.list({ kind: 'meeting', id: 'NOTDUE-1' })).toEqual([]);
  });

  test('the message carries a cancel link from the configured base URL whose token is stored only as a hash', async () => {
    await bookMeeting('LINK-1');
    await sendDispatch(deps, { about: { kind: 'meeting', id: 'LINK-1' }, sendKey: 'LINK-1|1|confirmation|email' });
    const message = (await listOutbox(storage.connectionString)).find((m) => m.sendKey === 'LINK-1|1|confirmation|email');
    const token = /https:\/\/comms\.example\.com\/api\/links\/([A-Za-z0-9_-]{22,24})/.exec(message?.text ?? '')?.[1];
    expect(token).toBeDefined();
    const { hashLinkToken } = await import('../../src/domain');
    const record = await deps.linkTokens.get(hashLinkToken(token as string));
    expect(record).toMatchObject({ meetingId: 'LINK-1', contactId: 'C-1', version: 1 });
    expect(await deps.linkTokens.get(token as string)).toBeUndefined();
  });
});
