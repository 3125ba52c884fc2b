import { z } from 'zod';
import { SUPPORTED_LOCALES, type SupportedLocale } from '../locale';

/** The keys of a phone keypad a menu may use (RFC 2833 DTMF, as Call Automation recognises them). */
export const MENU_KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'] as const;
export type MenuKey = (typeof MENU_KEYS)[number];

/** What a key does (API.md "Channels beyond email and SMS"): `end` says goodbye and hangs up. */
export const MENU_ACTIONS = ['confirm', 'cancel', 'connect', 'repeat', 'end'] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

/** The neural voices shipped as defaults, per locale and gender (Azure AI Speech; not HD voices, which Call Automation times out on). */
export const DEFAULT_VOICES: Readonly<Record<SupportedLocale, { readonly female: string; readonly male: string }>> = {
  'en-US': { female: 'en-US-JennyNeural', male: 'en-US-GuyNeural' },
  'es-ES': { female: 'es-ES-ElviraNeural', male: 'es-ES-AlvaroNeural' },
};

/** A neural voice of `locale` (`en-US-AriaNeural`): the name must start with the locale, so the voice speaks the template's language. */
const voiceName = (locale: SupportedLocale) =>
  z.string().regex(new RegExp(`^${locale}-[A-Z][A-Za-z]{1,40}Neural$`), `must be a neural voice of ${locale}, such as ${DEFAULT_VOICES[locale].female} (HD voices are not supported by Call Automation)`);

const voiceChoice = (locale: SupportedLocale) => {
  const defaults = () => ({ gender: 'female' as const, ...DEFAULT_VOICES[locale] });
  return z.strictObject({
    gender: z.enum(['female', 'male']).default('female'),
    female: voiceName(locale).default(DEFAULT_VOICES[locale].female),
    male: voiceName(locale).default(DEFAULT_VOICES[locale].male),
  }).default(defaults);
};

const voicesSchema = z.strictObject(Object.fromEntries(SUPPORTED_LOCALES.map((locale) => [locale, voiceChoice(locale)])) as Record<SupportedLocale, ReturnType<typeof voiceChoice>>);

/** The default menu: 1 confirm, 2 cancel, 3 connect to `connectTo`, 9 repeat. */
const defaultMenu = (): Partial<Record<MenuKey, MenuAction>> => ({ '1': 'confirm', '2': 'cancel', '3': 'connect', '9': 'repeat' });

const menuSchema = z.partialRecord(z.enum(MENU_KEYS, { error: 'must be one key of the keypad: 0-9, * or #' }), z.enum(MENU_ACTIONS)).superRefine((menu, ctx) => {
  const seen = new Map<MenuAction, string>();
  for (const [key, action] of Object.entries(menu) as [MenuKey, MenuAction][]) {
    const other = seen.get(action);
    if (other !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `${action} is already key ${other}: one key per action keeps the spoken menu short` });
    else seen.set(action, key);
  }
}).default(defaultMenu);

const defaults = () => ({
  voices: Object.fromEntries(SUPPORTED_LOCALES.map((locale) => [locale, { gender: 'female', ...DEFAULT_VOICES[locale] }])),
  menu: defaultMenu(),
  connectTo: null,
  retry: { attempts: 1, afterMinutes: 30 },
});

/**
 * `settings.voice`: the neural voice per locale and gender, the keypad menu, the office number a
 * `connect` key transfers to (E.164; null leaves `connect` out of the menu), and how often a busy
 * or unanswered call is tried again. Added after the first release: every key may be left out of a
 * PUT and keeps its default (API.md "Settings keys added later").
 */
export const voiceSettingsSchema = z.strictObject({
  voices: voicesSchema.default(() => defaults().voices as z.infer<typeof voicesSchema>),
  menu: menuSchema,
  connectTo: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +14255550100, or null').nullable().default(null),
  retry: z.strictObject({
    attempts: z.number().int('must be a whole number').min(0).max(2).default(1),
    afterMinutes: z.number().int('must be a whole number of minutes').min(5).max(1440).default(30),
  }).default(() => defaults().retry),
}).default(() => defaults() as never);

/** `settings.voice` as stored and shown. */
export type VoiceSettings = z.infer<typeof voiceSettingsSchema>;

/** {@link voiceSettingsSchema}'s defaults, as a fresh value. */
export const defaultVoiceSettings = (): VoiceSettings => voiceSettingsSchema.parse(undefined);

/** The voice a call in `locale` speaks with. */
export function voiceFor(settings: VoiceSettings, locale: SupportedLocale): string {
  const choice = settings.voices[locale];
  return choice[choice.gender];
}

/** The menu as the call offers it: `connect` only with a number to connect to. */
export function activeMenu(settings: VoiceSettings): Array<[MenuKey, MenuAction]> {
  return (Object.entries(settings.menu) as [MenuKey, MenuAction][])
    .filter(([, action]) => action !== 'connect' || settings.connectTo !== null)
    .sort(([a], [b]) => MENU_KEYS.indexOf(a) - MENU_KEYS.indexOf(b));
}
