import { z } from 'zod';

/** Longest SMS source accepted, in characters (1 600 characters is ten GSM-7 parts). */
export const SMS_TEMPLATE_LIMIT = 1_600;

/** An SMS template's Liquid source: PUT body for `…/sms/{locale}`. */
export const smsTemplateSchema = z.strictObject({ text: z.string().max(SMS_TEMPLATE_LIMIT).refine((value) => value.trim() !== '', 'must not be empty') });

/** The shipped default's file under `templates/<type>/<locale>/`. */
export const SMS_TEMPLATE_FILES = { text: 'sms.liquid' } as const;
