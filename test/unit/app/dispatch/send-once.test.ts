import { sendDispatch } from '../../../../src/activities/send-dispatch';
import { defaultTemplateSource } from '../../../../src/adapters/templates/default-template-source';
import { meetingSend } from '../../../../src/app/dispatch/meeting-sends';
import { isNothingToSend, type PendingSend } from '../../../../src/app/dispatch/pending-send';
import { sendOnce } from '../../../../src/app/dispatch/send-once';
import { hashLinkToken, sendKey, sendLinkToken, type Channel, type CommunicationType, type MeetingRecord, type MessageTemplateSources } from '../../../../src/domain';
import type { About } from '../../../../src/ports/dispatch';
import type { TemplateSource } from '../../../../src/ports/template-source';
import { parseConfig } from '../../../../src/config';
import { fakeDeps, type FakeDeps } from '../../../fakes/fake-deps';
import { FakeSettingsStore } from '../../../fakes/fake-settings-store';
import { allOn, meeting, record } from '../../domain/fixtures';

const about: About = { kind: 'meeting', id: 'A-1001' };
const key = (type: CommunicationType, channel: Channel, version = 1): string => sendKey({ meetingId: 'A-1001', version, type, channel });
const CONFIRMATION = key('confirmation', 'email');
const cancelled: Partial<MeetingRecord> = { status: 'cancelled', cancellation: { cancelledAt: '2026-11-20T09:00:00.000Z', source: 'api', reason: null } };

async function setup(meetingOverrides: Partial<MeetingRecord> = {}, overrides: { templates?: TemplateSource } = {}): Promise<FakeDeps> {
  const deps = fakeDeps({ settings: new FakeSettingsStore(allOn()), templates: overrides.templates ?? defaultTemplateSource });
  await deps.meetings.create(record(meetingOverrides));
  return deps;
}

const send = (deps: FakeDeps, sendKeyOf: string = CONFIRMATION) => sendDispatch(deps, { about, sendKey: sendKeyOf });
const entryOf = (deps: FakeDeps, sendKeyOf: string = CONFIRMATION) => deps.ledger.get(about, sendKeyOf);

async function cancelStored(deps: FakeDeps): Promise<void> {
  const stored = await deps.meetings.get('A-1001');
  expect((await deps.meetings.replace(record(cancelled), stored?.etag ?? '')).ok).toBe(true);
}

/** The pending send the meeting producer makes of `sendKeyOf` (fails the test if there is none). */
async function pendingOf(deps: FakeDeps, sendKeyOf: string = CONFIRMATION): Promise<PendingSend> {
  const pending = await meetingSend(deps, 'A-1001', sendKeyOf);
  if (isNothingToSend(pending)) throw new Error(`nothing to send: ${pending.skip}`);
  return pending;
}

describe('the send core (sendOnce over the meeting producer)', () => {
  test('claim → send → record: the provider gets the rendered message with the key and the claim time', async () => {
    const deps = await setup();
    const claimedAt = deps.clock.now().toISOString();
    expect(await send(deps)).toEqual({ status: 'sent', providerMessageId: 'fake-1' });
    expect(await entryOf(deps)).toMatchObject({ status: 'sent', providerMessageId: 'fake-1', firstSentAt: claimedAt, type: 'confirmation', channel: 'email' });
    const [dispatch] = deps.senders.email.dispatches;
    expect(dispatch).toMatchObject({ key: CONFIRMATION, about, channel: 'email', to: 'bob@example.com', firstSentAt: claimedAt, purpose: 'confirmation' });
    expect(dispatch?.content).toMatchObject({ channel: 'email', subject: expect.stringMatching(/\S/) });
    expect(deps.senders.sms.dispatches).toEqual([]);
  });

  test('the message carries a cancel link whose token is stored only as a hash, bound to the version and expiring at the start', async () => {
    const deps = await setup();
    await send(deps);
    const content = deps.senders.email.dispatches[0]?.content;
    const token = /https:\/\/comms\.example\.com\/api\/links\/([A-Za-z0-9_-]{22,24})/.exec(content?.text ?? '')?.[1];
    expect(token).toBeDefined();
    expect(deps.linkTokens.all()).toEqual([{ hash: hashLinkToken(token ?? ''), meetingId: 'A-1001', contactId: 'C-77', version: 1, expiresAt: meeting().start }]);
  });

  test('a recorded send is never repeated: a second run reports the record and calls nobody', async () => {
    const deps = await setup();
    const first = await send(deps);
    deps.clock.advance(60_000);
    expect(await send(deps)).toEqual(first);
    expect(deps.senders.email.dispatches).toHaveLength(1);
    expect(deps.ledger.claims).toHaveLength(1);
  });

  test('a recorded failure is not retried either', async () => {
    const deps = await setup();
    deps.senders.email.answer({ kind: 'failed', reason: 'fake: recipient rejected (HTTP 400)', failure: 'invalidRecipient' });
    expect(await send(deps)).toEqual({ status: 'failed', reason: 'fake: recipient rejected (HTTP 400)' });
    expect(await send(deps)).toEqual({ status: 'failed', reason: 'fake: recipient rejected (HTTP 400)' });
    expect(deps.senders.email.dispatches).toHaveLength(1);
    expect(await entryOf(deps)).toMatchObject({ status: 'failed', reason: 'fake: recipient rejected (HTTP 400)' });
  });

  test('a sent reminder sets the meeting reminder flag of its channel', async () => {
    const deps = await setup();
    deps.clock.set('2026-12-01T15:00:00.000Z');
    expect(await send(deps, key('reminder', 'sms'))).toMatchObject({ status: 'sent' });
    expect((await deps.meetings.get('A-1001'))?.remindersSent).toEqual({ email: false, sms: true, voice: false });
  });

  test('not due (a reminder 11 days early) → skipped, without a claim', async () => {
    const deps = await setup();
    expect(await send(deps, key('reminder', 'email'))).toEqual({ status: 'skipped', reason: 'no longer due' });
    expect(deps.ledger.claims).toEqual([]);
    expect(deps.senders.email.dispatches).toEqual([]);
  });

  test('cancelled right after the claim → skipped, and recorded failed with why', async () => {
    const deps = await setup();
    const claim = deps.ledger.claim.bind(deps.ledger);
    jest.spyOn(deps.ledger, 'claim').mockImplementationOnce(async (...args) => {
      const won = await claim(...args);
      await cancelStored(deps);
      return won;
    });
    expect(await send(deps)).toEqual({ status: 'skipped', reason: 'the meeting is cancelled' });
    expect(await entryOf(deps)).toMatchObject({ status: 'failed', reason: 'the meeting is cancelled' });
    expect(deps.senders.email.dispatches).toEqual([]);
  });

  test('cancelled after the producer looked, before the claim → skipped, and recorded failed', async () => {
    const deps = await setup();
    const pending = await pendingOf(deps);
    await cancelStored(deps);
    expect(await sendOnce(deps, pending)).toEqual({ status: 'skipped', reason: 'the meeting is cancelled' });
    expect(await entryOf(deps)).toMatchObject({ status: 'failed', reason: 'the meeting is cancelled' });
    expect(deps.senders.email.dispatches).toEqual([]);
  });

  test('started after the producer looked → skipped and recorded failed', async () => {
    const deps = await setup();
    const pending = await pendingOf(deps);
    deps.clock.set(meeting().start);
    expect(await sendOnce(deps, pending)).toEqual({ status: 'skipped', reason: 'the meeting has started' });
    expect(await entryOf(deps)).toMatchObject({ status: 'failed' });
  });

  test('a transient provider error defers the send: backoff from one minute, the attempt counted', async () => {
    const deps = await setup();
    deps.senders.email.answer({ kind: 'transient' });
    expect(await send(deps)).toEqual({ status: 'deferred', retryAt: '2026-11-20T09:01:00.000Z', reason: 'fake: unavailable (HTTP 503)' });
    expect(await entryOf(deps)).toMatchObject({ status: 'claimed', attempts: 1, retryAt: '2026-11-20T09:01:00.000Z', reason: 'fake: unavailable (HTTP 503)' });
    deps.clock.set('2026-11-20T09:01:00.000Z');
    deps.senders.email.answer({ kind: 'transient' });
    expect(await send(deps)).toMatchObject({ status: 'deferred', retryAt: '2026-11-20T09:03:00.000Z' });
    expect(await entryOf(deps)).toMatchObject({ attempts: 2 });
  });

  test("a throttled provider's Retry-After decides when to try again", async () => {
    const deps = await setup();
    deps.senders.email.answer({ kind: 'transient', cause: 'throttled', retryAfterMs: 90_000 });
    expect(await send(deps)).toEqual({ status: 'deferred', retryAt: '2026-11-20T09:01:30.000Z', reason: 'fake: throttled (HTTP 429); retry after 90000 ms' });
  });

  test('a deferred send that then goes out is recorded sent, with the first claim time kept', async () => {
    const deps = await setup();
    const claimedAt = deps.clock.now().toISOString();
    deps.senders.email.answer({ kind: 'transient' });
    await send(deps);
    deps.clock.set('2026-11-20T09:01:00.000Z');
    expect(await send(deps)).toEqual({ status: 'sent', providerMessageId: 'fake-2' });
    expect(deps.senders.email.dispatches.map((d) => d.firstSentAt)).toEqual([claimedAt, claimedAt]);
    expect(await entryOf(deps)).toMatchObject({ status: 'sent', attempts: 1, retryAt: null, reason: null });
  });

  test('the 10th deferred attempt gives up: failed, "gave up after 10 attempts"', async () => {
    const deps = await setup();
    for (let attempt = 1; attempt <= 9; attempt++) {
      deps.senders.email.answer({ kind: 'transient' });
      expect(await send(deps)).toMatchObject({ status: 'deferred' });
      deps.clock.advance(3_600_000);
    }
    expect(await entryOf(deps)).toMatchObject({ status: 'claimed', attempts: 9 });
    deps.senders.email.answer({ kind: 'transient' });
    expect(await send(deps)).toEqual({ status: 'failed', reason: 'fake: unavailable (HTTP 503); gave up after 10 attempts' });
    expect(await entryOf(deps)).toMatchObject({ status: 'failed', reason: 'fake: unavailable (HTTP 503); gave up after 10 attempts', retryAt: null });
    expect(deps.senders.email.dispatches).toHaveLength(10);
  });

  test('a deferred send of a meeting cancelled while it waited is not sent: recorded failed', async () => {
    const deps = await setup();
    deps.senders.email.answer({ kind: 'transient' });
    await send(deps);
    await cancelStored(deps);
    deps.clock.set('2026-11-20T09:01:00.000Z');
    expect(await send(deps)).toEqual({ status: 'skipped', reason: 'the meeting is cancelled' });
    expect(await entryOf(deps)).toMatchObject({ status: 'failed', reason: 'the meeting is cancelled' });
    expect(deps.senders.email.dispatches).toHaveLength(1);
  });

  test('an interrupted claim (no retryAt) is resumed with the same key and first time, without a recheck', async () => {
    const deps = await setup();
    const claimedAt = deps.clock.now().toISOString();
    await deps.ledger.claim({ sendKey: CONFIRMATION, about, type: 'confirmation', channel: 'email', plannedFor: claimedAt }, deps.clock.now());
    // The crashed attempt may already have reached the provider: a cancellation since then does not stop it.
    await cancelStored(deps);
    deps.clock.advance(5 * 60_000);
    expect(await send(deps)).toEqual({ status: 'sent', providerMessageId: 'fake-1' });
    expect(deps.senders.email.dispatches[0]).toMatchObject({ key: CONFIRMATION, firstSentAt: claimedAt });
    expect(deps.log.infos).toContain(`send ${CONFIRMATION}: resuming an interrupted send`);
  });

  test('with LINK_TOKEN_SECRET a send resumed after a crash repeats its message byte for byte (its link token is the send\'s own), so ACS repeatability takes it as the same request', async () => {
    const deps = fakeDeps({
      config: parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', PUBLIC_BASE_URL: 'https://comms.example.com', LINK_TOKEN_SECRET: 'test-link-token-secret-0123456789abcdef' }),
      settings: new FakeSettingsStore(allOn()),
    });
    await deps.meetings.create(record());
    const smsKey = key('confirmation', 'sms');
    // The provider took the first attempt, then the process died before the send was recorded.
    jest.spyOn(deps.ledger, 'markSent').mockRejectedValueOnce(new Error('process killed'));
    await expect(send(deps, smsKey)).rejects.toThrow('process killed');
    deps.clock.advance(60_000);
    expect(await send(deps, smsKey)).toEqual({ status: 'sent', providerMessageId: expect.any(String) });
    const [first, resumed] = deps.senders.sms.dispatches;
    expect(resumed?.content).toEqual(first?.content);
    expect(resumed?.firstSentAt).toBe(first?.firstSentAt);
    // A different send (another version) gets another token.
    expect(sendLinkToken('test-link-token-secret-0123456789abcdef', smsKey)).not.toBe(sendLinkToken('test-link-token-secret-0123456789abcdef', key('confirmation', 'sms', 2)));
  });

  test('without LINK_TOKEN_SECRET (a local run) each attempt draws a fresh random token', async () => {
    const deps = await setup();
    const smsKey = key('confirmation', 'sms');
    jest.spyOn(deps.ledger, 'markSent').mockRejectedValueOnce(new Error('process killed'));
    await expect(send(deps, smsKey)).rejects.toThrow('process killed');
    await send(deps, smsKey);
    const [first, resumed] = deps.senders.sms.dispatches;
    expect(resumed?.content).not.toEqual(first?.content);
  });

  test("no address on the channel → failed with the channel's reason", async () => {
    const deps = await setup({ contact: { ...meeting().contact, phone: null } });
    const smsKey = key('confirmation', 'sms');
    await deps.ledger.claim({ sendKey: smsKey, about, type: 'confirmation', channel: 'sms', plannedFor: null }, deps.clock.now());
    expect(await send(deps, smsKey)).toEqual({ status: 'failed', reason: 'no phone number' });
    expect(await entryOf(deps, smsKey)).toMatchObject({ status: 'failed', reason: 'no phone number' });
    expect(deps.senders.sms.dispatches).toEqual([]);
  });

  test('an SMS to a landline → failed "not a mobile number", and the provider is not called; the email still goes', async () => {
    const deps = await setup({ contact: { ...meeting().contact, phone: '+34911234567' } });
    const smsKey = key('confirmation', 'sms');
    expect(await send(deps, smsKey)).toEqual({ status: 'failed', reason: 'not a mobile number' });
    expect(await entryOf(deps, smsKey)).toMatchObject({ status: 'failed', reason: 'not a mobile number', channel: 'sms' });
    expect(deps.senders.sms.dispatches).toEqual([]);
    // Refused for good: a second run reports the record and still calls nobody.
    expect(await send(deps, smsKey)).toEqual({ status: 'failed', reason: 'not a mobile number' });
    expect(deps.senders.sms.dispatches).toEqual([]);
    expect(await send(deps)).toMatchObject({ status: 'sent' });
    expect([...deps.log.infos, ...deps.log.warns].join('\n')).not.toContain('911234567');
  });

  test('an SMS to a mobile number, or a US/CA fixed-line-or-mobile one, is sent', async () => {
    for (const phone of ['+34612345678', '+14255550123']) {
      const deps = await setup({ contact: { ...meeting().contact, phone } });
      expect(await send(deps, key('confirmation', 'sms'))).toMatchObject({ status: 'sent' });
      expect(deps.senders.sms.dispatches.map((d) => d.to)).toEqual([phone]);
    }
  });

  test('any producer: a pending send whose recipient its channel refuses is recorded failed, unsent', async () => {
    const deps = await setup();
    const pending = await pendingOf(deps, key('confirmation', 'sms'));
    const toPager: PendingSend = { ...pending, compose: async () => ({ ok: true, value: { to: '+447640123456', content: { channel: 'sms', text: 'hi' } } }) };
    expect(await sendOnce(deps, toPager)).toEqual({ status: 'failed', reason: 'not a mobile number' });
    expect(deps.senders.sms.dispatches).toEqual([]);
  });

  test('a template that cannot render → failed with a reason that names it (no throw)', async () => {
    const broken: TemplateSource = {
      get: async <C extends Channel>(): Promise<MessageTemplateSources[C]> => ({ subject: 'Hello {{ contact.firstName', text: 'x', html: '<p>x</p>' }) as MessageTemplateSources[C],
    };
    const deps = await setup({}, { templates: broken });
    const outcome = await send(deps);
    expect(outcome).toEqual({ status: 'failed', reason: expect.stringMatching(/^the confirmation email template \(en-US\) does not compile: \S/) });
    expect(await entryOf(deps)).toMatchObject({ status: 'failed', reason: outcome.status === 'failed' ? outcome.reason : '' });
    expect(deps.senders.email.dispatches).toEqual([]);
  });

  test('any other provider error propagates (the host retries the activity); the claim stays for the resume', async () => {
    const deps = await setup();
    deps.senders.email.answer({ kind: 'throw', error: new Error('socket hang up') });
    await expect(send(deps)).rejects.toThrow('socket hang up');
    expect(await entryOf(deps)).toMatchObject({ status: 'claimed', retryAt: null, attempts: 0 });
  });

  test('a send nobody retries (deferrable: false) fails at once on a provider outage', async () => {
    const deps = await setup();
    const pending: PendingSend = { ...(await pendingOf(deps)), deferrable: false };
    deps.senders.email.answer({ kind: 'transient' });
    expect(await sendOnce(deps, pending)).toEqual({ status: 'failed', reason: 'fake: unavailable (HTTP 503)' });
    expect(await entryOf(deps)).toMatchObject({ status: 'failed', attempts: 0 });
  });

  // Regression: a deferred send of a version the meeting has since left was retried, composed from
  // the current record and sent. Here the v1 reminder (due 1 Dec for a 3 Dec meeting) is deferred,
  // the meeting moves to 20 Dec (version 2): at the retry time the v1 key must not go out on 1 Dec
  // with the new date (the v2 reminder is planned for 18 Dec). The recheck drops it, recorded failed.
  test('a deferred send of a superseded version is not sent when its retry time comes', async () => {
    const deps = await setup();
    const reminder = key('reminder', 'email');
    deps.clock.set('2026-12-01T15:00:00.000Z');
    deps.senders.email.answer({ kind: 'transient' });
    expect(await send(deps, reminder)).toMatchObject({ status: 'deferred', retryAt: '2026-12-01T15:01:00.000Z' });
    const stored = await deps.meetings.get('A-1001');
    const moved = record({ start: '2026-12-20T15:00:00.000Z', end: '2026-12-20T15:30:00.000Z', version: 2, versionAt: '2026-12-01T15:00:30.000Z' });
    expect((await deps.meetings.replace(moved, stored?.etag ?? '')).ok).toBe(true);
    deps.clock.set('2026-12-01T15:01:00.000Z');
    expect(await send(deps, reminder)).toMatchObject({ status: 'skipped' });
    expect(deps.senders.email.dispatches).toHaveLength(1);
  });
});

describe('the message index (delivery reports name only the provider message ID)', () => {
  test('a sent message is indexed by its provider ID before the ledger records it sent', async () => {
    const deps = await setup();
    let indexedWhenMarked: unknown;
    const markSent = deps.ledger.markSent.bind(deps.ledger);
    deps.ledger.markSent = async (...args) => {
      indexedWhenMarked = await deps.messageIndex.find('fake-1');
      return markSent(...args);
    };
    await send(deps);
    expect(indexedWhenMarked).toEqual({ about, sendKey: CONFIRMATION });
  });

  test('a permanent provider failure indexes nothing', async () => {
    const deps = await setup();
    deps.senders.email.answer({ kind: 'failed', reason: 'invalid recipient', failure: 'invalidRecipient' });
    await send(deps);
    expect([...deps.messageIndex.entries.keys()]).toEqual([]);
  });
});
