import { z } from 'zod';
import { channelSchema, scheduleMeetingBodySchema, supportedLocaleSchema, templateTypeSchema } from '../domain';
import { EMAIL_TEMPLATE_LIMITS, emailTemplateSchema } from '../channels/email/email-template';
import { SMS_TEMPLATE_LIMIT, smsTemplateSchema } from '../channels/sms/sms-template';
import { whatsAppTemplateSchema } from '../channels/whatsapp/whatsapp-template';

export { emailTemplateSchema, smsTemplateSchema, whatsAppTemplateSchema };

/**
 * The template routes' bodies (API.md "Templates"), declared once for the handlers and the connector.
 * The handlers of /api/templates should parse with these schemas, so the connector cannot drift from
 * what they accept.
 */

/** Longest source accepted per part, in characters (each channel declares its own). */
export const TEMPLATE_LIMITS = { ...EMAIL_TEMPLATE_LIMITS, sms: SMS_TEMPLATE_LIMIT } as const;

/** Either shape; which one a route takes depends on its `{channel}`. */
export const templateSourcesSchema = z.union([emailTemplateSchema, smsTemplateSchema, whatsAppTemplateSchema]);

/** An optional field for which JSON null means "absent" (Power Automate sends nulls). */
export const absentIfNull = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === null ? undefined : v), schema.optional());

/**
 * POST /api/templates/preview: which template, an optional meeting (a ScheduleMeeting body; the
 * locale's sample meeting otherwise), optional unsaved sources, and an optional test recipient.
 */
export const previewRequestSchema = z.strictObject({
  type: templateTypeSchema,
  channel: channelSchema,
  locale: supportedLocaleSchema,
  meeting: absentIfNull(scheduleMeetingBodySchema.partial({ meetingId: true })),
  template: absentIfNull(templateSourcesSchema),
  sendTo: absentIfNull(z.string().trim().min(1).max(320)),
});

const audit = { version: z.number().int().min(1).optional(), updatedAt: z.iso.datetime().optional(), updatedBy: z.string().optional() };
const source = z.enum(['default', 'custom']);

/** GET/PUT/DELETE answer: the template in force, where it comes from, and (for an override) its version. */
export const templateViewSchema = z.union([
  emailTemplateSchema.extend({ source, ...audit }),
  smsTemplateSchema.extend({ source, ...audit }),
  z.object({ ...whatsAppTemplateSchema.shape, source, ...audit }),
]);

const saved = { version: z.number().int().min(1), savedAt: z.iso.datetime(), savedBy: z.string() };

/** GET …/history: the kept versions, newest first. */
export const templateHistorySchema = z.object({
  versions: z.array(z.union([emailTemplateSchema.extend(saved), smsTemplateSchema.extend(saved), z.object({ ...whatsAppTemplateSchema.shape, ...saved })])),
});

/** How an SMS body will be sent (`sms` of a preview). */
export const smsEncodingSchema = z.object({ encoding: z.enum(['GSM-7', 'UCS-2']), segments: z.number().int().min(0), characters: z.number().int().min(0) });

/** The outcome of a preview's test send. */
export const testSendSchema = z.union([
  z.object({ status: z.literal('sent'), providerMessageId: z.string(), sendKey: z.string() }),
  z.object({ status: z.literal('failed'), reason: z.string(), sendKey: z.string() }),
]);

/** POST /api/templates/preview answer: email `subject`/`text`/`html`, SMS `text` and `sms`; `testSend` with `sendTo`. */
export const previewSchema = z.object({
  subject: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable(),
  sms: smsEncodingSchema.nullable(),
  call: z.object({ voice: z.string(), menu: z.array(z.object({ key: z.string(), action: z.string() })), spoken: z.string() }).optional(),
  testSend: testSendSchema.optional(),
});
