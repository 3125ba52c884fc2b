import { sendKey, type Channel, type CommunicationType } from '../../../src/domain';
import { CorruptRowError, LEDGER_TABLE } from '../../../src/adapters/tables/table-client';
import { TableLedger } from '../../../src/adapters/tables/table-ledger';
import type { About } from '../../../src/ports/dispatch';
import type { LedgerStatus } from '../../../src/ports/ledger';
import { rawTable, useAzurite } from './store-fixtures';

const connectionString = useAzurite();
const ledger = (): TableLedger => new TableLedger(connectionString());

const T0 = new Date('2026-12-01T09:00:00.000Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

const m = (id: string): About => ({ kind: 'meeting', id });

function claimInput(meetingId: string, type: CommunicationType = 'reminder', channel: Channel = 'sms', version = 2) {
  return { sendKey: sendKey({ meetingId, version, type, channel }), about: m(meetingId), type, channel, plannedFor: '2026-12-01T09:00:00.000Z' };
}

async function statusOf(meetingId: string): Promise<LedgerStatus | undefined> {
  return (await ledger().list(m(meetingId)))[0]?.status;
}

describe('TableLedger', () => {
  test('a claim stores the entry with firstSentAt = now', async () => {
    const input = claimInput('A-1001');
    expect(input.sendKey).toBe('A-1001|2|reminder|sms');
    const entry = { ...input, status: 'claimed', firstSentAt: T0.toISOString(), sentAt: null, deliveredAt: null, providerMessageId: null, reason: null, attempts: 0, retryAt: null };
    expect(await ledger().claim(input, T0)).toEqual({ claimed: true, entry });
    expect(await ledger().list(m('A-1001'))).toEqual([entry]);
  });

  test('of 20 concurrent claims of one key exactly one wins; the others get the stored entry', async () => {
    const input = claimInput('A-1002');
    const results = await Promise.all(Array.from({ length: 20 }, (_, n) => ledger().claim(input, at(n))));
    const winners = results.filter((r) => r.claimed);
    expect(winners).toHaveLength(1);
    for (const result of results) expect(result.entry.firstSentAt).toBe(winners[0]!.entry.firstSentAt);
    expect(await ledger().list(m('A-1002'))).toHaveLength(1);
  });

  test('claimed → sent → delivered records each step', async () => {
    const input = claimInput('A-1003');
    await ledger().claim(input, T0);
    await ledger().markSent(m('A-1003'), input.sendKey, 'msg-1', at(1));
    expect((await ledger().list(m('A-1003')))[0]).toMatchObject({ status: 'sent', providerMessageId: 'msg-1', sentAt: at(1).toISOString() });
    await ledger().markDelivered(m('A-1003'), input.sendKey, { delivered: true }, at(2));
    expect((await ledger().list(m('A-1003')))[0]).toMatchObject({ status: 'delivered', deliveredAt: at(2).toISOString(), reason: null });
  });

  // Each row: the reports in arrival order → the status that stands. The first terminal status wins.
  test.each<[string, Array<'sent' | 'failed' | 'delivered' | 'undelivered'>, LedgerStatus]>([
    ['late sent after delivered', ['sent', 'delivered', 'sent'], 'delivered'],
    ['delivery report before sent', ['delivered', 'sent'], 'delivered'],
    ['failed report after delivered', ['sent', 'delivered', 'undelivered'], 'delivered'],
    ['delivered report after failed', ['sent', 'undelivered', 'delivered'], 'failed'],
    ['duplicate delivered', ['sent', 'delivered', 'delivered'], 'delivered'],
    ['claimed → failed, then sent', ['failed', 'sent'], 'failed'],
    ['markFailed after delivered', ['sent', 'delivered', 'failed'], 'delivered'],
  ])('status never goes back: %s', async (name, reports, expected) => {
    const meetingId = `B-${name.replace(/\W+/g, '-')}`;
    const { sendKey: key } = claimInput(meetingId);
    await ledger().claim(claimInput(meetingId), T0);
    for (const [n, report] of reports.entries()) {
      if (report === 'sent') await ledger().markSent(m(meetingId), key, 'msg-1', at(n + 1));
      if (report === 'failed') await ledger().markFailed(m(meetingId), key, 'acs-sms: recipient rejected (HTTP 400)', at(n + 1));
      if (report === 'delivered') await ledger().markDelivered(m(meetingId), key, { delivered: true }, at(n + 1));
      if (report === 'undelivered') await ledger().markDelivered(m(meetingId), key, { delivered: false, reason: 'Expired' }, at(n + 1));
    }
    expect(await statusOf(meetingId)).toBe(expected);
  });

  test('a late sent still fills in the provider message ID', async () => {
    const input = claimInput('A-1004');
    await ledger().claim(input, T0);
    await ledger().markDelivered(m('A-1004'), input.sendKey, { delivered: true }, at(2));
    await ledger().markSent(m('A-1004'), input.sendKey, 'msg-4', at(1));
    expect((await ledger().list(m('A-1004')))[0]).toMatchObject({ status: 'delivered', providerMessageId: 'msg-4', sentAt: at(1).toISOString() });
  });

  test('the instance that claimed writes its send without reading first, and a report another instance applied meanwhile still wins', async () => {
    const mine = ledger();
    const quiet = claimInput('A-1026');
    await mine.claim(quiet, T0);
    await mine.markSent(m('A-1026'), quiet.sendKey, 'msg-6', at(1));
    expect((await ledger().list(m('A-1026')))[0]).toMatchObject({ status: 'sent', providerMessageId: 'msg-6' });
    const raced = claimInput('A-1027');
    await mine.claim(raced, T0);
    // The delivery report overtakes the send's record, through another instance: the remembered claim is stale.
    await ledger().markDelivered(m('A-1027'), raced.sendKey, { delivered: true }, at(2));
    await mine.markSent(m('A-1027'), raced.sendKey, 'msg-7', at(1));
    expect((await ledger().list(m('A-1027')))[0]).toMatchObject({ status: 'delivered', providerMessageId: 'msg-7', sentAt: at(1).toISOString() });
  });

  test('concurrent reports converge on the furthest status', async () => {
    const input = claimInput('A-1005');
    await ledger().claim(input, T0);
    await Promise.all([
      ledger().markSent(m('A-1005'), input.sendKey, 'msg-5', at(1)),
      ledger().markDelivered(m('A-1005'), input.sendKey, { delivered: true }, at(2)),
      ledger().markDelivered(m('A-1005'), input.sendKey, { delivered: true }, at(3)),
    ]);
    expect((await ledger().list(m('A-1005')))[0]).toMatchObject({ status: 'delivered', providerMessageId: 'msg-5' });
  });

  test('a delivery report for an unknown send key is ignored; markSent without a claim throws', async () => {
    await ledger().markDelivered(m('A-none'), 'A-none|1|reminder|sms', { delivered: true }, T0);
    expect(await ledger().list(m('A-none'))).toEqual([]);
    await expect(ledger().markSent(m('A-none'), 'A-none|1|reminder|sms', 'msg', T0)).rejects.toThrow('no claim for send key A-none|1|reminder|sms');
  });

  test('listForMeeting is sorted by firstSentAt and holds only that meeting', async () => {
    await ledger().claim(claimInput('A-1006', 'reminder', 'email'), at(30));
    await ledger().claim(claimInput('A-1006', 'confirmation', 'sms', 1), at(0));
    await ledger().claim(claimInput('A-1006', 'confirmation', 'email', 1), at(0));
    await ledger().claim(claimInput('A-1006x', 'confirmation', 'email', 1), at(-5));
    const keys = (await ledger().list(m('A-1006'))).map((e) => e.sendKey);
    expect(keys).toEqual(['A-1006|1|confirmation|email', 'A-1006|1|confirmation|sms', 'A-1006|2|reminder|email']);
  });

  test('a corrupt row is reported with its key and fields and skipped: the meeting\'s other rows still list (issue [2/9])', async () => {
    await rawTable(connectionString(), LEDGER_TABLE).upsertEntity({ partitionKey: 'A-bad', rowKey: 'A-bad|1|reminder|sms', status: 'lost', version: 1 });
    await ledger().claim(claimInput('A-bad', 'confirmation', 'email', 1), T0);
    const reports: CorruptRowError[] = [];
    const listed = await new TableLedger(connectionString(), (e) => reports.push(e)).list(m('A-bad'));
    expect(listed.map((e) => e.sendKey)).toEqual(['A-bad|1|confirmation|email']);
    expect(reports.map((e) => e.message)).toEqual(['Ledger: stored row A-bad/A-bad|1|reminder|sms is corrupt (type, channel, status, firstSentAt)']);
  });
});
