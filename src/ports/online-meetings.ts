/** A Teams meeting as the service asks for it: one per meeting ID (Graph's `externalId`). */
export interface OnlineMeetingRequest {
  /** Our meeting ID: the same ID always gets the same Teams meeting (createOrGet). */
  readonly externalId: string;
  /** The advisor's mailbox: the organizer when it is in the tenant, else the configured organizer. */
  readonly advisorEmail: string | null;
  readonly subject: string;
  readonly start: string;
  readonly end: string;
}

/** A Teams meeting that exists: Graph's ID, the organizer it lives under, and the link customers join by. */
export interface OnlineMeeting {
  readonly id: string;
  readonly organizer: string;
  readonly joinUrl: string;
}

/**
 * Why a call failed. `transient` (429, 5xx, network) and `forbidden` (a missing permission or Teams
 * application access policy: an admin can fix it, so it is tried again later) are retried with
 * backoff; `permanent` (a refused request) is not. `message` names what to do and never carries an
 * address, a token or a subject.
 */
export class OnlineMeetingError extends Error {
  override readonly name = 'OnlineMeetingError';
  constructor(readonly kind: 'transient' | 'forbidden' | 'permanent', message: string, readonly retryAfterMs?: number) {
    super(message);
  }
}

/** Teams meetings for online appointments (Microsoft Graph, or the devhost's local stand-in). */
export interface OnlineMeetings {
  /** What /api/health reports: `graph`, `local` or `none`. */
  readonly provider: string;
  /**
   * Creates the Teams meeting for `request.externalId`, or returns the one that exists (idempotent).
   * @throws OnlineMeetingError
   */
  ensure(request: OnlineMeetingRequest): Promise<OnlineMeeting>;
  /**
   * Moves or renames an existing meeting; `missing` when it no longer exists (deleted in Teams).
   * @throws OnlineMeetingError
   */
  update(meeting: Pick<OnlineMeeting, 'id' | 'organizer'>, change: Pick<OnlineMeetingRequest, 'subject' | 'start' | 'end'>): Promise<OnlineMeeting | 'missing'>;
  /**
   * Deletes it; one that is already gone is fine.
   * @throws OnlineMeetingError
   */
  remove(meeting: Pick<OnlineMeeting, 'id' | 'organizer'>): Promise<void>;
}
