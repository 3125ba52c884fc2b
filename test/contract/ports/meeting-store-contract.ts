import type { MeetingRecord } from '../../../src/domain';
import type { MeetingStore } from '../../../src/ports/meeting-store';
import { cancelledRecord, meetingRecord } from '../../integration/stores/store-fixtures';

/** How a contract run gets its store: `reset` empties it (the listing needs a known set of rows). */
export interface MeetingStoreSubject {
  make(): MeetingStore;
  reset(): Promise<void>;
}

let counter = 0;
const freshId = (): string => `MC-${process.pid}-${(counter += 1)}`;

async function mustGet(store: MeetingStore, id: string) {
  const stored = await store.get(id);
  if (!stored) throw new Error(`${id} is not stored`);
  return stored;
}

/**
 * What every {@link MeetingStore} must do, run against the in-memory fake and the Table adapter
 * alike: conditional writes with ETags that change on every write, and listing in ID order.
 */
export function meetingStoreContract(subject: MeetingStoreSubject): void {
  describe('listScheduled', () => {
    const id = (n: number): string => `L-${String(n).padStart(3, '0')}`;
    const scheduled = Array.from({ length: 13 }, (_, n) => id(n * 2));

    beforeAll(async () => {
      await subject.reset();
      const store = subject.make();
      // Created out of order: the listing's order is the IDs', not the writes'.
      for (const meetingId of [...scheduled].reverse()) await store.create(meetingRecord(meetingId));
      for (const n of [1, 3, 11, 25]) await store.create(cancelledRecord(id(n)));
      await store.create(meetingRecord(id(99), { status: 'completed' }));
    });

    test('pages through the scheduled meetings in ID order, once each, without cancelled or completed ones', async () => {
      const store = subject.make();
      const pages: string[][] = [];
      let after: string | undefined;
      do {
        const page = await store.listScheduled({ after, size: 5 });
        pages.push(page.ids);
        after = page.next;
      } while (after !== undefined && pages.length < 10);
      expect(pages).toEqual([scheduled.slice(0, 5), scheduled.slice(5, 10), scheduled.slice(10)]);
    });

    test('no next page when the page holds exactly the rest', async () => {
      const store = subject.make();
      expect(await store.listScheduled({ size: 13 })).toEqual({ ids: scheduled });
      expect(await store.listScheduled({ after: scheduled[7], size: 5 })).toEqual({ ids: scheduled.slice(8) });
    });

    test('changedSince lists only the rows written since then (the reconciliation\'s window)', async () => {
      const store = subject.make();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const since = new Date();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const four = await mustGet(store, id(4));
      await store.replace(four.record, four.etag);
      expect((await store.listScheduled({ size: 100, changedSince: since })).ids).toEqual([id(4)]);
      expect((await store.listScheduled({ size: 100, changedSince: new Date(since.getTime() - 3_600_000) })).ids).toEqual(scheduled);
    });

    test('a meeting cancelled by replace leaves the listing', async () => {
      const store = subject.make();
      const current = await mustGet(store, id(0));
      expect((await store.replace(cancelledRecord(id(0)), current.etag)).ok).toBe(true);
      expect((await store.listScheduled({ size: 100 })).ids).toEqual(scheduled.slice(1));
    });
  });

  test('create then get: the record, no reminder sent, and the ETag the create returned', async () => {
    const store = subject.make();
    const record = meetingRecord(freshId());
    const created = await store.create(record);
    expect(created).toEqual({ ok: true, etag: expect.any(String) });
    expect(await store.get(record.meetingId)).toEqual({ record, remindersSent: { email: false, sms: false, whatsapp: false, voice: false }, etag: created.ok ? created.etag : '' });
  });

  test('an unknown meeting is undefined', async () => {
    expect(await subject.make().get(freshId())).toBeUndefined();
  });

  test('create of a stored ID → exists, and the first record stays', async () => {
    const store = subject.make();
    const meetingId = freshId();
    await store.create(meetingRecord(meetingId));
    expect(await store.create(meetingRecord(meetingId, { subject: 'Other' }))).toEqual({ ok: false, reason: 'exists' });
    expect((await mustGet(store, meetingId)).record.subject).toBe('Mortgage review');
  });

  test('replace with the current ETag succeeds with a new ETag; the old one then conflicts', async () => {
    const store = subject.make();
    const meetingId = freshId();
    await store.create(meetingRecord(meetingId));
    const { etag } = await mustGet(store, meetingId);
    const moved: MeetingRecord = meetingRecord(meetingId, { version: 2, subject: 'Moved' });
    const first = await store.replace(moved, etag);
    expect(first).toEqual({ ok: true, etag: expect.any(String) });
    expect(first.ok && first.etag).not.toBe(etag);
    expect((await mustGet(store, meetingId)).etag).toBe(first.ok && first.etag);
    expect(await store.replace(meetingRecord(meetingId, { version: 3 }), etag)).toEqual({ ok: false, reason: 'conflict' });
    expect((await mustGet(store, meetingId)).record).toEqual(moved);
  });

  test('replace of an unknown meeting → missing', async () => {
    const store = subject.make();
    const known = meetingRecord(freshId());
    const created = await store.create(known);
    expect(await store.replace(meetingRecord(freshId()), created.ok ? created.etag : '*')).toEqual({ ok: false, reason: 'missing' });
  });

}
