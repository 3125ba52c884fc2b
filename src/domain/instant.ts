import { DateTime } from 'luxon';
import { z } from 'zod';

/**
 * The instants this product accepts and stores: 1900-01-01 to 2999-12-31 (UTC). Every date field
 * goes through these two schemas, so what was accepted can always be written and read back: outside
 * this range `toISOString()` writes six-digit years (`+010000-…`) that ISO readers refuse.
 */
export const INSTANT_RANGE = { min: Date.UTC(1900, 0, 1), max: Date.UTC(3000, 0, 1) - 1 } as const;
const RANGE_MESSAGE = 'must be between 1900-01-01 and 2999-12-31';

const inRange = (ms: number): boolean => ms >= INSTANT_RANGE.min && ms <= INSTANT_RANGE.max;

/** `Z`, or `±hh:mm` / `±hhmm` / `±hh` with hours up to 14 (the widest real offset) and minutes below 60. */
const OFFSET = /T[^+-]*?(?:Z|([+-])(\d{2})(?::?(\d{2}))?)$/i;

function offsetProblem(value: string): string | undefined {
  const match = OFFSET.exec(value);
  if (!match) return 'must be an ISO 8601 date-time with an offset, e.g. 2026-12-03T15:00:00Z';
  const [, sign, hours, minutes] = match;
  if (sign === undefined) return undefined;
  if (Number(hours) > 14 || Number(minutes ?? '0') > 59) return 'has an offset that does not exist (at most ±14:00)';
  return undefined;
}

/**
 * An ISO 8601 date-time from a request, with a time and an explicit offset (`Z` or `±hh:mm`, at most
 * ±14:00), within {@link INSTANT_RANGE}; normalised to UTC `…Z`.
 */
export const acceptedInstant = z.string().trim().transform((value, ctx) => {
  const problem = offsetProblem(value);
  const parsed = problem === undefined ? DateTime.fromISO(value, { setZone: true }) : undefined;
  if (problem !== undefined || !parsed?.isValid) {
    ctx.addIssue({ code: 'custom', message: problem ?? 'must be an ISO 8601 date-time with an offset, e.g. 2026-12-03T15:00:00Z' });
    return z.NEVER;
  }
  if (!inRange(parsed.toMillis())) {
    ctx.addIssue({ code: 'custom', message: RANGE_MESSAGE });
    return z.NEVER;
  }
  return new Date(parsed.toMillis()).toISOString();
});

/** A stored instant: UTC `…Z` (as `acceptedInstant` writes it), within {@link INSTANT_RANGE}. */
export const storedInstant = z.iso.datetime().refine((value) => inRange(Date.parse(value)), RANGE_MESSAGE);
