import { z } from 'zod';
import { fail, type Result } from '../result';
import { parseWith } from '../zod-errors';
import { applyMergePatch } from './merge-patch';
import { settingsSchema, type Settings } from './settings-schema';

/** Dotted paths of the settings fields that accept `null`, read from the schema (declared once). */
export const NULLABLE_SETTINGS_PATHS: ReadonlySet<string> = new Set(nullablePaths(settingsSchema, ''));

function nullablePaths(schema: z.ZodObject, prefix: string): string[] {
  return Object.entries(schema.shape).flatMap(([key, field]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (field instanceof z.ZodNullable) return [path];
    return field instanceof z.ZodObject ? nullablePaths(field, path) : [];
  });
}

/** Validates a whole settings document (PUT /api/settings); errors name the fields. */
export function parseSettings(input: unknown): Result<Settings> {
  return parseWith(settingsSchema, input);
}

/**
 * Applies a JSON merge patch (PATCH /api/settings) to the current settings and validates the result.
 * `null` on a nullable field (`reminder.sendAtLocalTime`, `portal.cancelUrlTemplate`) sets it to null;
 * on any other field it removes it, which the validation reports as "is required" naming the field.
 */
export function patchSettings(current: Settings, patch: unknown): Result<Settings> {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return fail({ path: '', message: 'a merge patch must be a JSON object' });
  }
  return parseSettings(applyMergePatch(current, patch, { nullMeansNull: NULLABLE_SETTINGS_PATHS }));
}
