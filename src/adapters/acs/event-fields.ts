import { z } from 'zod';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { fail, ok, type FieldError, type Result } from '../../domain/result';
import { fieldErrorMap } from '../../domain/zod-errors';

/** A place in a webhook body: array indexes and keys as sent. */
export type BodyPath = readonly (string | number)[];

/** Formats a body path as `[0].data.From` (or `data.From` under a single object; `` for the body). */
export function formatPath(path: BodyPath): string {
  return path.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}

/** One failure at `path`. */
export function failAt(path: BodyPath, message: string): { readonly ok: false; readonly errors: readonly FieldError[] } {
  return fail({ path: formatPath(path), message });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses `input` with an object schema, reading its keys case-insensitively: Microsoft's own samples send
 * `From`, `from` and `Tag` side by side, and one CloudEvents example says `specVersion`. Keys the schema
 * does not name are dropped. Errors name the key as it was sent, so `[0].data.From`, not `from`.
 */
export function parseFields<S extends z.ZodObject>(schema: S, input: unknown, at: BodyPath): Result<z.output<S>> {
  if (!isRecord(input)) return failAt(at, input === undefined ? 'is required' : 'must be an object');
  const byLowerCase = new Map(Object.keys(schema.shape).map((name) => [name.toLowerCase(), name]));
  const sentAs = new Map<string, string>();
  const canonical: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const name = byLowerCase.get(key.toLowerCase());
    // The first spelling wins: a body with both `To` and `to` is not worth rejecting over.
    if (name === undefined || sentAs.has(name)) continue;
    sentAs.set(name, key);
    canonical[name] = value;
  }
  const parsed = schema.safeParse(canonical, { error: fieldErrorMap });
  if (parsed.success) return ok(parsed.data);
  return fail(
    ...parsed.error.issues.map((issue): FieldError => {
      const [head, ...rest] = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
      const first = typeof head === 'string' ? (sentAs.get(head) ?? head) : head;
      return { path: formatPath([...at, ...(first === undefined ? [] : [first]), ...rest]), message: issue.message };
    }),
  );
}

/** A non-empty string (IDs, types, codes). */
export const nonEmpty = z.string().min(1);

/** An ISO-8601 date-time with `Z` or an offset, any sub-second precision (ACS sends 7 digits), as UTC ISO. */
export const timestamp = z.iso
  .datetime({ offset: true, error: (issue) => (issue.input === undefined ? 'is required' : 'must be an ISO-8601 date-time') })
  .transform((text) => new Date(text).toISOString());

/**
 * A phone number as ACS reports it, normalised to E.164. Microsoft's samples omit the `+` (`15555555555`).
 * Validity is not checked (the 555 numbers of the samples are not valid): the number came from the carrier,
 * and all we need is the canonical form that stored numbers (`normalisePhone`) also have.
 */
export const acsPhone = z.string().transform((text, ctx) => {
  const digits = text.trim().replace(/[\s().-]/g, '').replace(/^\+/, '');
  if (!/^[1-9]\d{6,14}$/.test(digits)) {
    ctx.addIssue({ code: 'custom', message: 'must be a phone number with its country code' });
    return z.NEVER;
  }
  return parsePhoneNumberFromString(`+${digits}`)?.number ?? `+${digits}`;
});

