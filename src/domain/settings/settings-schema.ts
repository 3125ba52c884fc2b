import { z } from 'zod';
import { supportedLocaleSchema } from '../locale';
import { CHANNEL_MODULES, type Channel } from '../../channels/registry';
import { checkCancelUrlTemplate } from '../links/cancel-link';
import { defaultQuietHoursSettings, quietHoursSettingsSchema } from './quiet-hours-settings';
import { defaultRepliesSettings, repliesSettingsSchema } from './replies-settings';
import { defaultVoiceSettings, voiceSettingsSchema } from './voice-settings';

/**
 * One toggle per registered channel. A channel added after the first release may be left out of a
 * PUT: it keeps its default, off (API.md "Settings keys added later").
 */
export function channelToggleShape(modules: ReadonlyArray<{ readonly name: string; readonly toggleRequired: boolean }>): Record<string, z.ZodBoolean | z.ZodDefault<z.ZodBoolean>> {
  return Object.fromEntries(modules.map((m) => [m.name, m.toggleRequired ? z.boolean() : z.boolean().default(false)]));
}

const toggleShape = channelToggleShape(CHANNEL_MODULES) as Record<Channel, z.ZodBoolean>;
const channelToggles = z.strictObject(toggleShape);
/** Every channel off: the default of each type's toggles. */
const allOff = (): Record<Channel, boolean> => Object.fromEntries(CHANNEL_MODULES.map((m) => [m.name, false])) as Record<Channel, boolean>;

/** `HH:mm`, 24-hour clock, 00:00–23:59. */
export const localTimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:mm (24-hour), e.g. 09:00');

const cancelUrlTemplateSchema = z.string().superRefine((value, ctx) => {
  const problem = checkCancelUrlTemplate(value);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

/**
 * The settings document of GET /api/settings. Every object is strict: an unknown (for instance
 * misspelt) key is an error naming it, never silently ignored.
 */
export const settingsSchema = z.strictObject({
  enabled: z.boolean(),
  confirmation: channelToggles,
  reminder: z.strictObject({
    ...toggleShape,
    daysBefore: z.number().int('must be a whole number of days').min(1).max(30),
    sendAtLocalTime: localTimeOfDaySchema.nullable(),
    lateBooking: z.enum(['skip', 'sendNow']),
  }),
  cancellation: channelToggles,
  defaultLocale: supportedLocaleSchema,
  portal: z.strictObject({ cancelUrlTemplate: cancelUrlTemplateSchema.nullable() }),
  replies: repliesSettingsSchema,
  quietHours: quietHoursSettingsSchema,
  voice: voiceSettingsSchema,
});

/** The admin settings (see {@link settingsSchema}). */
export type Settings = z.infer<typeof settingsSchema>;

/** What a reminder booked inside the threshold does: `skip` it, or `sendNow`. */
export type LateBookingRule = Settings['reminder']['lateBooking'];

/** The defaults: everything off, 2 days before, at the meeting's time of day, late bookings skipped, replies off. */
export const DEFAULT_SETTINGS: Settings = deepFreeze<Settings>({
  enabled: false,
  confirmation: allOff(),
  reminder: { ...allOff(), daysBefore: 2, sendAtLocalTime: null, lateBooking: 'skip' },
  cancellation: allOff(),
  defaultLocale: 'en-US',
  portal: { cancelUrlTemplate: null },
  replies: defaultRepliesSettings(),
  quietHours: defaultQuietHoursSettings(),
  voice: defaultVoiceSettings(),
});

function deepFreeze<T extends object>(value: T): T {
  for (const member of Object.values(value)) if (typeof member === 'object' && member !== null) deepFreeze(member);
  return Object.freeze(value);
}
