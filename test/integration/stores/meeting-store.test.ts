import { CorruptRowError, MEETINGS_TABLE } from '../../../src/adapters/tables/table-client';
import { TableMeetingStore } from '../../../src/adapters/tables/table-meeting-store';
import { cancelledRecord, meetingRecord, rawTable, useAzurite } from './store-fixtures';

const connectionString = useAzurite();
const store = (): TableMeetingStore => new TableMeetingStore(connectionString());

// Runs first, while the table holds only its own meetings, so the listing is exact.
describe('listScheduled', () => {
  const id = (n: number): string => `L-${String(n).padStart(3, '0')}`;
  const scheduled = Array.from({ length: 25 }, (_, n) => id(n * 2));

  beforeAll(async () => {
    const meetings = store();
    await Promise.all(scheduled.map((meetingId) => meetings.create(meetingRecord(meetingId))));
    await Promise.all([1, 3, 17, 31, 49].map((n) => meetings.create(cancelledRecord(id(n)))));
  });

  test('pages through every scheduled meeting in ID order, once each, without cancelled ones', async () => {
    const pages: string[][] = [];
    let after: string | undefined;
    do {
      const page = await store().listScheduled({ after, size: 10 });
      pages.push(page.ids);
      after = page.next;
    } while (after !== undefined && pages.length < 10);
    expect(pages.map((ids) => ids.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual(scheduled);
  });

  test('no next page when the page holds exactly the rest', async () => {
    expect(await store().listScheduled({ size: 25 })).toEqual({ ids: scheduled });
    const short = await store().listScheduled({ size: 24 });
    expect(short.next).toBe(scheduled[23]);
    expect(await store().listScheduled({ after: short.next, size: 24 })).toEqual({ ids: [scheduled[24]] });
  });

  test('a meeting cancelled by replace leaves the listing', async () => {
    const meetings = store();
    const current = await meetings.get(id(0));
    await meetings.replace({ ...cancelledRecord(id(0)), version: 2 }, current!.etag);
    expect((await meetings.listScheduled({ size: 100 })).ids).toEqual(scheduled.slice(1));
  });
});

describe('TableMeetingStore', () => {
  test('create then get returns the record, unset flags and an ETag', async () => {
    const record = meetingRecord('M-1');
    const created = await store().create(record);
    expect(created).toEqual({ ok: true, etag: expect.any(String) });
    const stored = await store().get('M-1');
    expect(stored).toEqual({ record, remindersSent: { email: false, sms: false, whatsapp: false, voice: false }, etag: created.ok ? created.etag : '' });
  });

  test('an unknown meeting is undefined', async () => {
    expect(await store().get('M-unknown')).toBeUndefined();
  });

  test('creating the same meeting twice → exists, and the first record stays', async () => {
    await store().create(meetingRecord('M-2'));
    expect(await store().create(meetingRecord('M-2', { subject: 'Other' }))).toEqual({ ok: false, reason: 'exists' });
    expect((await store().get('M-2'))?.record.subject).toBe('Mortgage review');
  });

  test('replace with the current ETag succeeds once; the stale ETag then conflicts', async () => {
    const meetings = store();
    await meetings.create(meetingRecord('M-3'));
    const { etag } = (await meetings.get('M-3'))!;
    const first = await meetings.replace(meetingRecord('M-3', { version: 2, subject: 'Moved' }), etag);
    expect(first).toEqual({ ok: true, etag: expect.any(String) });
    expect(first.ok && first.etag).not.toBe(etag);
    expect(await meetings.replace(meetingRecord('M-3', { version: 3 }), etag)).toEqual({ ok: false, reason: 'conflict' });
    expect((await meetings.get('M-3'))?.record).toMatchObject({ version: 2, subject: 'Moved' });
  });

  test('replace of a meeting that does not exist → missing', async () => {
    const { etag } = (await store().get('M-1'))!;
    expect(await store().replace(meetingRecord('M-none'), etag)).toEqual({ ok: false, reason: 'missing' });
  });

  test('reminder flags written by earlier releases read back, and survive a replace', async () => {
    const meetings = store();
    await meetings.create(meetingRecord('M-4'));
    await rawTable(connectionString(), MEETINGS_TABLE).updateEntity({ partitionKey: 'M-4', rowKey: 'meeting', reminderSmsSent: true }, 'Merge');
    const before = (await meetings.get('M-4'))!;
    expect(before).toMatchObject({ remindersSent: { sms: true, email: false } });
    expect((await meetings.replace(meetingRecord('M-4', { version: 2 }), before.etag)).ok).toBe(true);
    expect(await meetings.get('M-4')).toMatchObject({ record: { version: 2 }, remindersSent: { sms: true, email: false } });
  });

  test.each([
    ['not JSON', 'M-bad-1', 'bob@example.com is not json', /record \(not JSON\)/],
    ['a wrong shape', 'M-bad-2', JSON.stringify({ meetingId: 'M-bad-2', contact: { email: 'bob@example.com' } }), /record\.subject/],
    ['another meeting', 'M-bad-3', JSON.stringify(meetingRecord('M-other')), /record\.meetingId/],
  ])('a corrupt row (%s) throws an error naming the meeting, not the data', async (_case, meetingId, record, detail) => {
    await rawTable(connectionString(), MEETINGS_TABLE).upsertEntity({ partitionKey: meetingId, rowKey: 'meeting', record, status: 'scheduled' });
    const error = await store().get(meetingId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptRowError);
    expect((error as Error).message).toContain(meetingId);
    expect((error as Error).message).toMatch(detail);
    expect((error as Error).message).not.toContain('bob@example.com');
  });
});
