import { z } from 'zod';
import { fail, ok, type FieldError, type Result } from './result';

/** Joins a zod path into the form API.md uses (`replies.keywords.cancel[0]`); the document itself is the empty path. */
export function dottedPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((joined, segment) => {
    if (typeof segment === 'number') return `${joined}[${segment}]`;
    return joined === '' ? String(segment) : `${joined}.${String(segment)}`;
  }, '');
}

const article = (expected: string): string => (/^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`);

/**
 * Per-parse zod error map: plain-English messages that read well after a field name. Messages set on
 * a schema's own checks win over this map (zod precedence), so custom wording stays where it is.
 * Exported for parsers that build their own paths (webhook payloads); messages never quote the input.
 */
export const fieldErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      if (issue.input === null) return `must be ${article(issue.expected)}, not null`;
      return `must be ${article(issue.expected)}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      return `must be at most ${issue.maximum}`;
    default:
      return undefined;
  }
};

/** Turns zod issues into field errors; an unknown key becomes one error naming that key. */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: dottedPath([...issue.path, key]), message: 'is not a known field' }));
    }
    return [{ path: dottedPath(issue.path), message: issue.message }];
  });
}

/** Parses `input` with `schema`, returning a Result whose errors name the fields. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(input, { error: fieldErrorMap });
  return parsed.success ? ok(parsed.data) : fail(...toFieldErrors(parsed.error.issues));
}
