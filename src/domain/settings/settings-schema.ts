import { z } from 'zod';
import { supportedLocaleSchema } from '../locale';
import { checkCancelUrlTemplate } from '../links/cancel-link';

const channelToggles = z.strictObject({ email: z.boolean(), sms: z.boolean() });

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
    email: z.boolean(),
    sms: z.boolean(),
    daysBefore: z.number().int('must be a whole number of days').min(1).max(30),
    sendAtLocalTime: localTimeOfDaySchema.nullable(),
    lateBooking: z.enum(['skip', 'sendNow']),
  }),
  cancellation: channelToggles,
  defaultLocale: supportedLocaleSchema,
  portal: z.strictObject({ cancelUrlTemplate: cancelUrlTemplateSchema.nullable() }),
});

/** The admin settings (see {@link settingsSchema}). */
export type Settings = z.infer<typeof settingsSchema>;

/** What a reminder booked inside the threshold does: `skip` it, or `sendNow`. */
export type LateBookingRule = Settings['reminder']['lateBooking'];

/** The defaults: everything off, 2 days before, at the meeting's time of day, late bookings skipped. */
export const DEFAULT_SETTINGS: Settings = deepFreeze<Settings>({
  enabled: false,
  confirmation: { email: false, sms: false },
  reminder: { email: false, sms: false, daysBefore: 2, sendAtLocalTime: null, lateBooking: 'skip' },
  cancellation: { email: false, sms: false },
  defaultLocale: 'en-US',
  portal: { cancelUrlTemplate: null },
});

function deepFreeze<T extends object>(value: T): T {
  for (const member of Object.values(value)) if (typeof member === 'object' && member !== null) deepFreeze(member);
  return Object.freeze(value);
}
