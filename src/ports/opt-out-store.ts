import type { OptOutSource, OptOutState } from '../domain/replies/opt-out-state';

export type { OptOutSource, OptOutState };

/** What a write did: `changed` is false for a repeat or an event older than the stored one. */
export interface OptOutWrite {
  readonly changed: boolean;
  /** The state in force after the write. */
  readonly state: OptOutState;
}

/**
 * Numbers that asked for no more SMS, for the whole institution (API.md "Opt-out"). Keyed by the
 * E.164 number; adapters may store only a hash of it. Writes are idempotent and ordered by event
 * time, not arrival: an older event never overwrites a newer one (see `applyOptOutEvent`).
 */
export interface OptOutStore {
  /** The number's state, or undefined when nothing was ever recorded for it (opted in). */
  get(phone: string): Promise<OptOutState | undefined>;
  optOut(phone: string, event: { readonly source: OptOutSource; readonly at: Date }): Promise<OptOutWrite>;
  optIn(phone: string, at: Date): Promise<OptOutWrite>;
}

/** E.164: what the store is keyed by. Anything else is a caller's bug (it would never match a send). */
export const E164 = /^\+[1-9][0-9]{6,14}$/;
