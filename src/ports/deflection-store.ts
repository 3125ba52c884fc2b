/** Where a deflection stands (API.md `GET /api/deflections/{id}`); it only moves forward. */
export type DeflectionStatus = 'accepted' | 'sent' | 'delivered' | 'replied' | 'failed' | 'fellBack';

/** How far along each status is: a status report only moves a deflection forward. */
export const DEFLECTION_STATUS_RANK: Readonly<Record<DeflectionStatus, number>> = { accepted: 0, sent: 1, failed: 2, fellBack: 3, delivered: 4, replied: 5 };

/** An IVR's request to continue a caller's conversation on WhatsApp, as accepted. Holds the caller's number: never logged. */
export interface StoredDeflection {
  readonly deflectionId: string;
  readonly ticketId: string;
  /** A digest of the request as accepted: the same ID with another request is refused (409). */
  readonly fingerprint: string;
  readonly businessPhone: string;
  readonly recipientPhone: string;
  readonly template: { readonly name: string; readonly language: string; readonly parameters: readonly string[] };
  readonly teamId: string | null;
  readonly fallback: 'sms' | 'none';
  readonly status: DeflectionStatus;
  /** Why it failed or fell back (safe: codes only). */
  readonly reason: string | null;
  /** The WhatsApp message's provider ID, once sent. */
  readonly messageId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface DeflectionStore {
  /** Stores a new deflection; when one with the same ID exists, nothing is written and that one is returned with `created: false`. */
  create(deflection: StoredDeflection): Promise<{ readonly created: boolean; readonly deflection: StoredDeflection }>;
  get(deflectionId: string): Promise<StoredDeflection | undefined>;
  /** Moves it to `status` (with the fields given) unless it is already as far or further; returns it as stored. */
  advance(deflectionId: string, status: DeflectionStatus, fields: { readonly reason?: string; readonly messageId?: string }, at: string): Promise<StoredDeflection | undefined>;
  /**
   * The IDs of deflections still `accepted` (no send recorded on them) created in `[createdSince,
   * createdBefore)` (ISO instants), a page at a time: `next` is the cursor of the next page, set only
   * when another page exists. For the reconciliation (see reconcileDeflections).
   */
  listAccepted(page: { readonly createdSince: string; readonly createdBefore: string; readonly after?: string; readonly size: number }): Promise<{ ids: string[]; next?: string }>;
}
