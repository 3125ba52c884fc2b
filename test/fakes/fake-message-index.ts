import type { MessageIndex, SentMessageRef } from '../../src/ports/message-index';

/** In-memory {@link MessageIndex}; `entries` lets a test see what the send core recorded. */
export class FakeMessageIndex implements MessageIndex {
  readonly entries = new Map<string, SentMessageRef>();

  async record(providerMessageId: string, ref: SentMessageRef): Promise<void> {
    this.entries.set(providerMessageId, { about: { ...ref.about }, sendKey: ref.sendKey });
  }

  async find(providerMessageId: string): Promise<SentMessageRef | undefined> {
    return this.entries.get(providerMessageId);
  }
}
