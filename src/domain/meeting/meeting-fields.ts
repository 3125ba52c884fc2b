import { z } from 'zod';
import { acceptedInstant } from '../instant';
import { normaliseLineEnds, textProblem } from '../safe-text';
import { isValidTimeZone } from '../time-zone';
import { normalisePhone } from './phone';

/** Field length limits shared by the request schema and the stored meeting schema. */
export const LIMITS = { subject: 200, name: 100, placeName: 200, address: 500, longText: 2000, url: 2000, email: 254, id: 100 } as const;

/** Identifiers are exact: not trimmed, letters, digits, `-`, `_`, `.` only. */
export const meetingIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be 1–100 characters of A-Z a-z 0-9 - _ .');

/**
 * Text of a person or a system, checked for characters no field may carry (controls, bidi overrides,
 * zero-width characters, lone surrogates: see safe-text.ts). Single-line unless `multiLine`, whose
 * line ends become `\n`.
 */
export const checkedText = (multiLine = false) => (value: string, ctx: z.core.$RefinementCtx<string>): void => {
  const problem = textProblem(value, multiLine);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
};

/** A contact ID is compared to a token claim, so it is kept exactly as given. */
export const contactIdSchema = z.string().min(1).max(LIMITS.id).refine((s) => s.trim() === s, 'must not start or end with spaces').superRefine(checkedText());

/** A required single-line string, trimmed, non-empty after trimming. */
export const requiredText = (max: number) => z.string().trim().min(1).max(max).superRefine(checkedText());

/**
 * An optional value where JSON `null`, `""` or whitespace mean "absent" (Power Automate sends empty
 * strings for empty dynamic content). The result is `undefined` when absent.
 */
export const absentIfBlank = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value), schema.optional());

/** An optional trimmed string of at most `max` characters; single-line unless `multiLine`. */
export const optionalText = (max: number, multiLine = false) =>
  absentIfBlank(multiLine ? z.string().trim().max(max).superRefine(checkedText(true)).transform(normaliseLineEnds) : z.string().trim().max(max).superRefine(checkedText()));

/** An optional e-mail address, trimmed. */
export const optionalEmail = absentIfBlank(z.string().trim().max(LIMITS.email).pipe(z.email('must be a valid e-mail address')));

/** An optional https URL (join links are opened by customers: no http, no javascript:). */
export const optionalHttpsUrl = absentIfBlank(
  z.string().trim().max(LIMITS.url).refine((s) => URL.canParse(s) && new URL(s).protocol === 'https:', 'must be an https URL'),
);

/** An optional phone number, normalised to E.164; the error names the field. */
export const optionalPhone = absentIfBlank(
  z.string().transform((value, ctx) => {
    const result = normalisePhone(value, '');
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.errors[0]?.message ?? 'must be a valid phone number' });
    return z.NEVER;
  }),
);

/** An ISO 8601 date-time with a time and an explicit offset; normalised to UTC `…Z` (see instant.ts). */
export const isoInstant = acceptedInstant;

/** An IANA time zone name (`Europe/Madrid`). */
export const timeZoneSchema = z.string().trim().refine(isValidTimeZone, 'must be an IANA time zone, e.g. Europe/Madrid');
