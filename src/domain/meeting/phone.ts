import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { memoise } from '../memoise';
import { fail, ok, type Result } from '../result';

const INTERNATIONAL_HINT = 'must be a valid phone number in international format, e.g. +14255550123';

/**
 * Normalises a phone number to E.164 (`+1 (425) 555-0123` → `+14255550123`). Numbers must carry their
 * country code (`+…`): a bare national number is ambiguous without a country, and guessing one would
 * text a stranger. Uses the full metadata so ranges that cannot exist are rejected, not just lengths.
 */
export function normalisePhone(input: string, path: string): Result<string> {
  const text = input.trim();
  if (!text.startsWith('+')) return fail({ path, message: INTERNATIONAL_HINT });
  const parsed = parsePhoneNumberFromString(text);
  if (!parsed?.isValid()) return fail({ path, message: INTERNATIONAL_HINT });
  // An extension cannot be dialled by an SMS or a call: refused rather than silently dropped.
  if (parsed.ext !== undefined) return fail({ path, message: 'must not carry an extension (messages and calls cannot dial one)' });
  return ok(parsed.number);
}

/** Formats an E.164 number for people to read (`+34911234567` → `+34 911 23 45 67`); unparsable input is returned as is. */
export const formatPhoneForDisplay: (e164: string) => string = memoise(
  (e164) => parsePhoneNumberFromString(e164)?.formatInternational() ?? e164,
);
