/** Who recorded an opt-out: the customer's STOP reply, or an admin for a customer who asked by phone. */
export type OptOutSource = 'reply' | 'admin';

/** A number's SMS opt-out state. Times are ISO-8601 UTC. */
export interface OptOutState {
  readonly optedOut: boolean;
  /** When the current opt-out began (null while opted in). */
  readonly since: string | null;
  readonly source: OptOutSource | null;
  /**
   * The time of the newest event applied, opt-in or opt-out, even one that changed nothing: an
   * older event arriving later (replies come out of order) must not undo a newer one.
   */
  readonly updatedAt: string;
}

export type OptOutEvent =
  | { readonly kind: 'optOut'; readonly source: OptOutSource; readonly at: string }
  | { readonly kind: 'optIn'; readonly at: string };

/** The outcome of an event: the state to keep, and whether it differs from the stored one. */
export interface OptOutTransition {
  readonly changed: boolean;
  readonly state: OptOutState;
  /** Whether the stored row must be written: a change, or only `updatedAt` moving on. */
  readonly write: boolean;
}

/**
 * The state after `event` (no stored state: opted in). An event older than the stored state, or a
 * repeat, changes nothing. At the same instant an opt-out beats an opt-in: when in doubt, do not text.
 * A newer event that confirms the current state only moves `updatedAt` on (so an event between the
 * two, arriving last, stays older), and an opt-out keeps its first `since` and `source`.
 */
export function applyOptOutEvent(current: OptOutState | undefined, event: OptOutEvent): OptOutTransition {
  const at = Date.parse(event.at);
  if (Number.isNaN(at)) throw new Error('an opt-out event needs a valid time');
  const iso = new Date(at).toISOString();
  if (current !== undefined) {
    const last = Date.parse(current.updatedAt);
    const outranked = at < last || (at === last && (current.optedOut || event.kind === 'optIn'));
    if (outranked) return { changed: false, state: current, write: false };
    if (current.optedOut === (event.kind === 'optOut')) return { changed: false, state: { ...current, updatedAt: iso }, write: true };
  }
  const state: OptOutState = event.kind === 'optOut'
    ? { optedOut: true, since: iso, source: event.source, updatedAt: iso }
    : { optedOut: false, since: null, source: null, updatedAt: iso };
  return { changed: true, state, write: true };
}
