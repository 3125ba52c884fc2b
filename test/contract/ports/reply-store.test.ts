import { TableReplyStore } from '../../../src/adapters/tables/table-reply-store';
import type { ReplyStore, StoredReply } from '../../../src/ports/reply-store';
import { useAzurite } from '../../integration/stores/store-fixtures';
import { FakeReplyStore } from '../../fakes/fake-reply-store';

const connectionString = useAzurite();

let counter = 0;
const reply = (receivedAt: string, text = 'Can I come at 11 instead?'): StoredReply =>
  ({ replyId: `Incoming_${process.pid}_${(counter += 1)}`, receivedAt, channel: 'sms', from: '+14255550123', to: '+18005550100', text });

/** What every {@link ReplyStore} must do, for the fake and the Table adapter alike. */
function replyStoreContract(make: () => ReplyStore): void {
  test('keeps a reply once per ID and lists the newest first, at most the limit', async () => {
    const store = make();
    const older = reply('2026-11-05T09:00:00.000Z');
    const newer = reply('2026-11-05T10:00:00.000Z', 'Wrong number');
    await store.keepUnmatched(older);
    await store.keepUnmatched(newer);
    await store.keepUnmatched(older);
    const listed = (await store.listUnmatched(100)).filter((r) => r.replyId === older.replyId || r.replyId === newer.replyId);
    expect(listed).toEqual([newer, older]);
    expect(await store.listUnmatched(1)).toHaveLength(1);
  });
}

describe('FakeReplyStore', () => replyStoreContract(() => new FakeReplyStore()));
describe('TableReplyStore (Azurite)', () => replyStoreContract(() => new TableReplyStore(connectionString())));
