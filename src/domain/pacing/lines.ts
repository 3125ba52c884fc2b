/**
 * A caller number's lines: the calls it has up now, as leases (lease ID → expiry, epoch ms). ACS
 * places at most a few concurrent outbound calls per number (two by default, acs-channels.md §2.5),
 * so a call takes a lease before it is dialled and gives it back when it ends.
 */
export type LineLeases = Readonly<Record<string, number>>;

/** A number no call used yet (or whose calls all ended). */
export const NO_LEASES: LineLeases = Object.freeze({});

/**
 * How long a lease lives if its call never gives it back (the app crashed, the orchestration was
 * purged). Longer than any call the orchestration follows: connecting gives up after 3 minutes
 * (DIAL_TIMEOUT_MS), each silence mid-call after 5 (SILENCE_TIMEOUT_MS), and a call is a message and
 * menu played at most three times (MAX_PLAYS) and a closing, so a live call ends well within; a
 * stranded line comes back after half an hour at most.
 */
export const LINE_LEASE_MS = 30 * 60_000;

/** A call refused a line asks again after this at the latest (a lease usually ends long before it expires). */
export const LINE_RETRY_MS = 30_000;

export type LineGrant =
  | { readonly granted: true; readonly leases: LineLeases }
  | { readonly granted: false; readonly retryAtMs: number; readonly leases: LineLeases };

/** The leases still live at `nowMs` (an expired one is a call that never gave its line back). */
export function liveLeases(leases: LineLeases, nowMs: number): LineLeases {
  return Object.fromEntries(Object.entries(leases).filter(([, expiresMs]) => expiresMs > nowMs));
}

/**
 * Takes a line for `leaseId` when fewer than `limit` are up. The same lease asked again (a retried
 * activity) is granted again, its expiry renewed, and never counts twice. Refused: when to ask again,
 * the earliest expiry or {@link LINE_RETRY_MS} from now, whichever comes first.
 */
export function acquireLine(leases: LineLeases, leaseId: string, limit: number, nowMs: number, leaseMs: number = LINE_LEASE_MS): LineGrant {
  const live = liveLeases(leases, nowMs);
  if (leaseId in live || Object.keys(live).length < limit) return { granted: true, leases: { ...live, [leaseId]: nowMs + leaseMs } };
  const earliest = Math.min(...Object.values(live));
  return { granted: false, retryAtMs: Math.min(earliest, nowMs + LINE_RETRY_MS), leases: live };
}

/** Gives a line back; a lease not held (released before, expired) changes nothing. */
export function releaseLine(leases: LineLeases, leaseId: string, nowMs: number): LineLeases {
  const live = liveLeases(leases, nowMs);
  if (!(leaseId in live)) return live;
  const { [leaseId]: _released, ...rest } = live;
  return rest;
}
