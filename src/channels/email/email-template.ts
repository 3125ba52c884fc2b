import { z } from 'zod';

/** Longest source accepted per part, in characters. */
export const EMAIL_TEMPLATE_LIMITS = { subject: 300, text: 20_000, html: 100_000 } as const;

const part = (max: number) => z.string().max(max).refine((value) => value.trim() !== '', 'must not be empty');

/** An email template's Liquid sources: PUT body for `…/email/{locale}`. */
export const emailTemplateSchema = z.strictObject({ subject: part(EMAIL_TEMPLATE_LIMITS.subject), text: part(EMAIL_TEMPLATE_LIMITS.text), html: part(EMAIL_TEMPLATE_LIMITS.html) });

/** The shipped default's files under `templates/<type>/<locale>/`. */
export const EMAIL_TEMPLATE_FILES = { subject: 'email.subject.liquid', html: 'email.html.liquid', text: 'email.text.liquid' } as const;
