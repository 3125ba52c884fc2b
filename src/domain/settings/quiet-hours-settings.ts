import { z } from 'zod';

/** `HH:mm`, 24-hour clock (kept here, not imported from settings-schema, to avoid an import cycle). */
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:mm (24-hour), e.g. 21:00');

/** The defaults of API.md "Pacing and quiet hours": off, 21:00 to 08:00. */
const defaults = () => ({ enabled: false, start: '21:00', end: '08:00' });

/**
 * `settings.quietHours`: a daily window of the recipient's wall clock in which reminders and prompts
 * wait. `start` after `end` spans midnight (21:00–08:00). Added after the first release, so the block
 * and each key may be left out of a PUT and keep their defaults (API.md "Settings keys added later").
 */
export const quietHoursSettingsSchema = z.strictObject({
  enabled: z.boolean().default(false),
  start: timeOfDay.default('21:00'),
  end: timeOfDay.default('08:00'),
}).refine((q) => q.start !== q.end, { path: ['end'], message: 'must differ from start (an empty or whole-day window means nothing)' })
  .default(defaults);

/** `settings.quietHours` as stored and shown. */
export type QuietHoursSettings = z.infer<typeof quietHoursSettingsSchema>;

/** {@link quietHoursSettingsSchema}'s defaults, as a fresh value. */
export const defaultQuietHoursSettings = (): QuietHoursSettings => defaults();
