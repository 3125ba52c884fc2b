/** A deep-link token's record. Only the SHA-256 hash of the token is ever stored. */
export interface LinkTokenRecord {
  readonly hash: string;
  readonly meetingId: string;
  readonly contactId: string;
  readonly version: number;
  readonly expiresAt: string;
}

export interface LinkTokenStore {
  put(record: LinkTokenRecord): Promise<void>;
  /** The record for a token hash, or undefined (unknown). Expiry is the caller's check. */
  get(hash: string): Promise<LinkTokenRecord | undefined>;
}
