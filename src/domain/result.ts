/** A problem with one input field; `path` is the dotted field name used in API.md (`contact.phone`). */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/** An expected outcome: a value, or the reasons there is none. Domain functions return this instead of throwing. */
export type Result<T, E = FieldError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly E[] };

/** Wraps a value as a successful result. */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** Wraps one or more errors as a failed result. */
export function fail<E = FieldError>(...errors: E[]): { readonly ok: false; readonly errors: readonly E[] } {
  return { ok: false, errors };
}
