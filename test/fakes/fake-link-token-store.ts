import type { LinkTokenRecord, LinkTokenStore } from '../../src/ports/link-token-store';

const HASH = /^[0-9a-f]{64}$/;

/** In-memory {@link LinkTokenStore}: an upsert by hash; like the adapter, only SHA-256 hex hashes are kept. */
export class FakeLinkTokenStore implements LinkTokenStore {
  private readonly records = new Map<string, LinkTokenRecord>();

  async put(record: LinkTokenRecord): Promise<void> {
    if (!HASH.test(record.hash)) throw new Error('LinkTokens: a token hash must be 64 lower-case hex characters');
    this.records.set(record.hash, { ...record });
  }

  async get(hash: string): Promise<LinkTokenRecord | undefined> {
    const record = this.records.get(hash);
    return record && { ...record };
  }

  /** Every stored record, for assertions. */
  all(): LinkTokenRecord[] {
    return [...this.records.values()].map((r) => ({ ...r }));
  }
}
