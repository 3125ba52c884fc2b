import { sendKey, type Channel, type CommunicationType } from '../../../src/domain';
import type { About } from '../../../src/ports/dispatch';
import type { Ledger, LedgerClaim, LedgerStatus } from '../../../src/ports/ledger';

const T0 = new Date('2026-12-01T09:00:00.000Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

let counter = 0;
/** A meeting ID no other test of the run uses (the Table adapter's rows outlive a test). */
const freshId = (): string => `LC-${process.pid}-${(counter += 1)}`;
const meeting = (id: string): About => ({ kind: 'meeting', id });

function claimOf(meetingId: string, type: CommunicationType = 'reminder', channel: Channel = 'sms', version = 2): LedgerClaim {
  return { sendKey: sendKey({ meetingId, version, type, channel }), about: meeting(meetingId), type, channel, plannedFor: '2026-12-01T09:00:00.000Z' };
}

type Report = 'sent' | 'failed' | 'delivered' | 'undelivered' | 'deferred';

async function report(ledger: Ledger, claim: LedgerClaim, what: Report, when: Date): Promise<void> {
  const { about, sendKey: key } = claim;
  if (what === 'sent') await ledger.markSent(about, key, 'msg-1', when);
  if (what === 'failed') await ledger.markFailed(about, key, 'recipient rejected', when);
  if (what === 'delivered') await ledger.markDelivered(about, key, { delivered: true }, when);
  if (what === 'undelivered') await ledger.markDelivered(about, key, { delivered: false, reason: 'Expired' }, when);
  if (what === 'deferred') await ledger.markDeferred(about, key, { retryAt: at(60).toISOString(), reason: 'unavailable' }, when);
}

/**
 * What every {@link Ledger} must do, run against the in-memory fake and the Table adapter alike:
 * a claim is won once, statuses only move forward, deferrals are recorded on claims only.
 */
export function ledgerContract(make: () => Ledger): void {
  test('the first claim of a key wins and stores the entry; a later claim gets that entry', async () => {
    const ledger = make();
    const claim = claimOf(freshId());
    const entry = { ...claim, status: 'claimed', firstSentAt: T0.toISOString(), sentAt: null, deliveredAt: null, providerMessageId: null, reason: null, attempts: 0, retryAt: null };
    expect(await ledger.claim(claim, T0)).toEqual({ claimed: true, entry });
    expect(await ledger.claim(claim, at(5))).toEqual({ claimed: false, entry });
    expect(await ledger.get(claim.about, claim.sendKey)).toEqual(entry);
  });

  test('of concurrent claims of one key exactly one wins', async () => {
    const ledger = make();
    const claim = claimOf(freshId());
    const results = await Promise.all([0, 1, 2, 3, 4].map((n) => ledger.claim(claim, at(n))));
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.entry.firstSentAt)).size).toBe(1);
    expect(await ledger.list(claim.about)).toHaveLength(1);
  });

  test('a claim that lost to a recorded send gets the recorded entry', async () => {
    const ledger = make();
    const claim = claimOf(freshId());
    await ledger.claim(claim, T0);
    await ledger.markSent(claim.about, claim.sendKey, 'msg-7', at(1));
    expect(await ledger.claim(claim, at(2))).toMatchObject({ claimed: false, entry: { status: 'sent', providerMessageId: 'msg-7', sentAt: at(1).toISOString() } });
  });

  test.each<[string, Report[], LedgerStatus]>([
    ['claimed → sent → delivered', ['sent', 'delivered'], 'delivered'],
    ['a late sent after delivered', ['sent', 'delivered', 'sent'], 'delivered'],
    ['a delivery report before sent', ['delivered', 'sent'], 'delivered'],
    ['undelivered after delivered', ['sent', 'delivered', 'undelivered'], 'delivered'],
    ['delivered after failed', ['sent', 'undelivered', 'delivered'], 'failed'],
    ['sent after failed', ['failed', 'sent'], 'failed'],
    ['failed after delivered', ['sent', 'delivered', 'failed'], 'delivered'],
    ['a deferral after sent', ['sent', 'deferred'], 'sent'],
  ])('statuses only move forward: %s', async (_name, reports, expected) => {
    const ledger = make();
    const claim = claimOf(freshId());
    await ledger.claim(claim, T0);
    for (const [n, what] of reports.entries()) await report(ledger, claim, what, at(n + 1));
    expect((await ledger.get(claim.about, claim.sendKey))?.status).toBe(expected);
  });

  test('a deferral counts the attempt and sets retryAt and the reason; the entry stays claimed', async () => {
    const ledger = make();
    const claim = claimOf(freshId());
    await ledger.claim(claim, T0);
    await ledger.markDeferred(claim.about, claim.sendKey, { retryAt: at(1).toISOString(), reason: 'fake: unavailable (HTTP 503)' }, T0);
    await ledger.markDeferred(claim.about, claim.sendKey, { retryAt: at(3).toISOString(), reason: 'fake: throttled (HTTP 429)' }, at(1));
    expect(await ledger.get(claim.about, claim.sendKey)).toMatchObject({ status: 'claimed', attempts: 2, retryAt: at(3).toISOString(), reason: 'fake: throttled (HTTP 429)', firstSentAt: T0.toISOString() });
  });

  test('once a deferred send is sent, its retryAt and deferral reason are gone and the attempts stay', async () => {
    const ledger = make();
    const claim = claimOf(freshId());
    await ledger.claim(claim, T0);
    await ledger.markDeferred(claim.about, claim.sendKey, { retryAt: at(1).toISOString(), reason: 'unavailable' }, T0);
    await ledger.markSent(claim.about, claim.sendKey, 'msg-2', at(1));
    expect(await ledger.get(claim.about, claim.sendKey)).toMatchObject({ status: 'sent', attempts: 1, retryAt: null, reason: null, providerMessageId: 'msg-2' });
  });

  test('a deferred send that fails keeps the failure reason and no retryAt', async () => {
    const ledger = make();
    const claim = claimOf(freshId());
    await ledger.claim(claim, T0);
    await ledger.markDeferred(claim.about, claim.sendKey, { retryAt: at(1).toISOString(), reason: 'unavailable' }, T0);
    await ledger.markFailed(claim.about, claim.sendKey, 'the meeting is cancelled', at(1));
    expect(await ledger.get(claim.about, claim.sendKey)).toMatchObject({ status: 'failed', attempts: 1, retryAt: null, reason: 'the meeting is cancelled' });
  });

  test('reports need a claim (a delivery report for an unknown key is ignored)', async () => {
    const ledger = make();
    const claim = claimOf(freshId());
    await ledger.markDelivered(claim.about, claim.sendKey, { delivered: true }, T0);
    expect(await ledger.get(claim.about, claim.sendKey)).toBeUndefined();
    await expect(ledger.markSent(claim.about, claim.sendKey, 'msg', T0)).rejects.toThrow(`no claim for send key ${claim.sendKey}`);
    await expect(ledger.markFailed(claim.about, claim.sendKey, 'x', T0)).rejects.toThrow('no claim');
    await expect(ledger.markDeferred(claim.about, claim.sendKey, { retryAt: T0.toISOString(), reason: 'x' }, T0)).rejects.toThrow('no claim');
  });

  test('list holds one subject only, oldest claim first, then by send key', async () => {
    const ledger = make();
    const id = freshId();
    await ledger.claim(claimOf(id, 'reminder', 'email'), at(30));
    await ledger.claim(claimOf(id, 'confirmation', 'sms', 1), at(0));
    await ledger.claim(claimOf(id, 'confirmation', 'email', 1), at(0));
    await ledger.claim(claimOf(`${id}x`, 'confirmation', 'email', 1), at(-5));
    await ledger.claim({ ...claimOf(id, 'confirmation', 'email', 1), about: { kind: 'test', id } }, at(-5));
    expect((await ledger.list(meeting(id))).map((e) => e.sendKey)).toEqual([`${id}|1|confirmation|email`, `${id}|1|confirmation|sms`, `${id}|2|reminder|email`]);
    expect(await ledger.list({ kind: 'test', id })).toHaveLength(1);
  });
}
