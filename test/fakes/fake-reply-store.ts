import type { ReplyStore, StoredReply } from '../../src/ports/reply-store';

/** An in-memory {@link ReplyStore}: one reply per ID, listed newest first. */
export class FakeReplyStore implements ReplyStore {
  private readonly kept = new Map<string, StoredReply>();

  async keepUnmatched(reply: StoredReply): Promise<void> {
    if (!this.kept.has(reply.replyId)) this.kept.set(reply.replyId, { ...reply });
  }

  async listUnmatched(limit: number): Promise<StoredReply[]> {
    return [...this.kept.values()].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)).slice(0, limit).map((r) => ({ ...r }));
  }
}
