import { z } from 'zod';

/** Locales that have default templates, reply keywords and formatting. Add a locale here first. */
export const SUPPORTED_LOCALES = ['en-US', 'es-ES'] as const;

/** A locale this product can write messages in. */
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

/** Each supported locale's name in its own language, for pickers (the admin page's language lists). */
export const LOCALE_NAMES: Readonly<Record<SupportedLocale, string>> = { 'en-US': 'English (United States)', 'es-ES': 'Español (España)' };

/** Schema for a setting that must name a supported locale exactly. */
export const supportedLocaleSchema = z.enum(SUPPORTED_LOCALES);

/** The language subtag of a BCP 47 tag, lower-cased (`es-MX` → `es`); accepts `_` as separator. */
export function localeLanguage(tag: string): string {
  return (tag.trim().split(/[-_]/)[0] ?? '').toLowerCase();
}

/**
 * Picks the supported locale for a requested tag: an exact match (case-insensitive, `_` or `-`), else
 * the first supported locale of the same language (`es`, `es-MX` → `es-ES`), else `defaultLocale`.
 */
export function resolveLocale(requested: string | null | undefined, defaultLocale: SupportedLocale): SupportedLocale {
  if (requested === null || requested === undefined) return defaultLocale;
  const wanted = requested.trim().replace(/_/g, '-').toLowerCase();
  const exact = SUPPORTED_LOCALES.find((locale) => locale.toLowerCase() === wanted);
  if (exact) return exact;
  const language = localeLanguage(wanted);
  return SUPPORTED_LOCALES.find((locale) => localeLanguage(locale) === language) ?? defaultLocale;
}

/** Whether a value is one of the supported locales, exactly. */
export function isSupportedLocale(value: string): value is SupportedLocale {
  return (SUPPORTED_LOCALES as readonly string[]).includes(value);
}
