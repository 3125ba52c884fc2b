import { z } from 'zod';
import { isSupportedCountry } from 'libphonenumber-js/max';

/**
 * The WhatsApp and IVR-deflection settings (README "Configuration"), spread into the config schema.
 */
export const WHATSAPP_CONFIG = {
  /** The WhatsApp channel registration ID in ACS (Advanced Messaging → Channels); with ACS_CONNECTION_STRING, WhatsApp goes through ACS. */
  WHATSAPP_CHANNEL_ID: z.uuid({ error: 'must be the channel registration ID (a GUID) from ACS Advanced Messaging' }).optional(),
  /**
   * Countries a deflection's caller number may be in, ISO 3166 alpha-2, comma-separated (`ES,PT`);
   * unset: any country.
   */
  DEFLECTION_COUNTRIES: z
    .string()
    .optional()
    .transform((text, ctx) => {
      const codes = (text ?? '').split(',').map((c) => c.trim().toUpperCase()).filter((c) => c !== '');
      const bad = codes.find((c) => !isSupportedCountry(c));
      if (bad !== undefined) {
        ctx.addIssue({ code: 'custom', message: 'must be ISO 3166 country codes separated by commas, e.g. ES,PT' });
        return z.NEVER;
      }
      return codes;
    }),
  /** What a deflection does when the number is not on WhatsApp (or the message fails): `sms` sends the SMS template, `none` does not. */
  DEFLECTION_FALLBACK: z.enum(['sms', 'none']).default('sms'),
  /** The approved WhatsApp template a deflection sends when the IVR names none (`template_name`). */
  DEFLECTION_TEMPLATE: z.string().regex(/^[a-z0-9_]{1,512}$/, 'must be an approved template name: lower-case letters, digits and _').default('deflection_continue'),
  /** Its language (Meta's code) when the IVR names none. */
  DEFLECTION_TEMPLATE_LANGUAGE: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "must be Meta's language code, e.g. es or en_US").default('en_US'),
};
