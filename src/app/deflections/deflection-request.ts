import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { normalisePhone } from '../../domain/meeting/phone';
import { fail, ok, type FieldError, type Result } from '../../domain/result';
import { textProblem } from '../../domain/safe-text';
import { parseWith } from '../../domain/zod-errors';

/** Adereso's field names (IVRs already send them) → ours (API.md "IVR deflection to WhatsApp"). */
export const ADERESO_ALIASES = { business_phone: 'businessPhone', recipient_phone: 'recipientPhone', team_id: 'teamId', template_name: 'templateName', deflection_id: 'deflectionId' } as const;

/** Largest request body accepted, and the largest metadata (IVR/CRM context on the ticket). */
export const MAX_DEFLECTION_BYTES = 16 * 1024;
export const MAX_METADATA_BYTES = 8 * 1024;

const safeText = (max: number) => z.string().min(1).max(max).superRefine((value, ctx) => {
  const problem = textProblem(value, false);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
/** IDs an IVR gives (deflection, team): what a path segment and a Table key can carry. */
const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'must be 1–100 characters of A-Z a-z 0-9 . _ : - (starting with a letter or digit)');
/** Metadata values: text, numbers and booleans (kept as text); nothing nested. */
const metadataValue = z.union([safeText(1_000), z.number().finite(), z.boolean()]).transform(String);
const metadataMap = z.record(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'keys must be 1–64 characters of A-Z a-z 0-9 _ . -'), metadataValue)
  .refine((map) => Object.keys(map).length <= 50, 'must have at most 50 keys');
const parameter = safeText(200);
const templateName = z.string().regex(/^[a-z0-9_]{1,512}$/, 'must be the approved template name: lower-case letters, digits and _');
const language = z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "must be Meta's language code, e.g. es or en_US");

/** The body once Adereso's names are ours: strict, so a misspelt field is a 400 naming it. */
const deflectionBodySchema = z.strictObject({
  deflectionId: idSchema.optional(),
  businessPhone: z.string().min(1).max(32),
  recipientPhone: z.string().min(1).max(32),
  channel: z.literal('whatsapp').optional(),
  fallback: z.enum(['sms', 'none']).optional(),
  teamId: z.union([idSchema, z.number().int().nonnegative().transform(String)]).optional(),
  templateName: templateName.optional(),
  template: z.strictObject({
    name: templateName,
    language: language.optional(),
    parameters: z.array(parameter).max(10).optional(),
    values: z.record(z.string().regex(/^[A-Za-z0-9_]{1,64}$/), parameter).refine((v) => Object.keys(v).length <= 10, 'must have at most 10 values').optional(),
  }).optional(),
  language: language.optional(),
  parameters: z.array(parameter).max(10).optional(),
  metadata: z.strictObject({ user: metadataMap.optional(), ticket: metadataMap.optional() }).optional(),
  call: z.record(z.string().regex(/^[A-Za-z0-9_]{1,64}$/), z.union([safeText(200), z.number().finite()])).refine((v) => Object.keys(v).length <= 20, 'must have at most 20 keys').optional(),
  consent: z.strictObject({ method: safeText(50), capturedAt: z.iso.datetime({ offset: true }).optional() }).optional(),
});

/** A deflection request as the use case takes it: numbers E.164, names ours, defaults applied. */
export interface DeflectionRequest {
  readonly deflectionId: string | undefined;
  readonly businessPhone: string;
  readonly recipientPhone: string;
  readonly teamId: string | null;
  readonly fallback: 'sms' | 'none' | undefined;
  readonly template: { readonly name: string | undefined; readonly language: string | undefined; readonly parameters: readonly string[] };
  readonly metadata: { readonly user: Readonly<Record<string, string>>; readonly ticket: Readonly<Record<string, string>> };
}

/** Renames Adereso's keys to ours; both spellings of one field → an error naming both. */
function unalias(input: unknown): Result<unknown, FieldError> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail({ path: '', message: 'must be a JSON object' });
  const out: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(input)) {
    const ours = (ADERESO_ALIASES as Record<string, string>)[key] ?? key;
    if (Object.hasOwn(out, ours)) errors.push({ path: key, message: `is the same field as ${ours}: send one of them` });
    else out[ours] = value;
  }
  return errors.length > 0 ? fail(...errors) : ok(out);
}

/**
 * A caller's number (an IVR's ANI): E.164, also without its `+` (IVRs often drop it), valid in
 * libphonenumber-js's full metadata, able to take WhatsApp (MOBILE or FIXED_LINE_OR_MOBILE: a landline
 * cannot) and in an allowed country (`DEFLECTION_COUNTRIES`; none configured: any).
 */
export function callerNumber(input: string, path: string, countries: readonly string[]): Result<string, FieldError> {
  const text = input.trim();
  const withPlus = /^\d{8,15}$/.test(text) ? `+${text}` : text;
  const e164 = normalisePhone(withPlus, path);
  if (!e164.ok) return e164;
  const parsed = parsePhoneNumberFromString(e164.value);
  const type = parsed?.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return fail({ path, message: 'must be a mobile number (WhatsApp and SMS need one)' });
  if (countries.length > 0 && !countries.includes(parsed?.country ?? '')) return fail({ path, message: `must be a number of an allowed country (${countries.join(', ')})` });
  return ok(e164.value);
}

/** Parses POST /api/deflections' body (Adereso's or ours); errors name the field as sent. */
export function parseDeflectionRequest(input: unknown, countries: readonly string[]): Result<DeflectionRequest, FieldError> {
  const renamed = unalias(input);
  if (!renamed.ok) return renamed;
  const parsed = parseWith(deflectionBodySchema, renamed.value);
  if (!parsed.ok) {
    const back = Object.fromEntries(Object.entries(ADERESO_ALIASES).map(([theirs, ours]) => [ours, theirs]));
    const sentAs = new Set(Object.keys(input as object));
    return fail(...parsed.errors.map((e) => {
      const [head, ...rest] = e.path.split('.');
      const theirs = head !== undefined ? back[head] : undefined;
      return theirs !== undefined && sentAs.has(theirs) ? { ...e, path: [theirs, ...rest].join('.') } : e;
    }));
  }
  const body = parsed.value;
  const sent = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  const business = normalisePhone(body.businessPhone, 'business_phone' in sent ? 'business_phone' : 'businessPhone');
  const recipient = callerNumber(body.recipientPhone, 'recipient_phone' in sent ? 'recipient_phone' : 'recipientPhone', countries);
  if (!business.ok) errors.push(...business.errors);
  if (!recipient.ok) errors.push(...recipient.errors);
  if (body.templateName !== undefined && body.template !== undefined) errors.push({ path: 'template_name' in sent ? 'template_name' : 'templateName', message: 'is the same as template.name: send one of them' });
  const metadataSize = Buffer.byteLength(JSON.stringify(body.metadata ?? {}), 'utf8');
  if (metadataSize > MAX_METADATA_BYTES) errors.push({ path: 'metadata', message: `must be at most ${MAX_METADATA_BYTES} bytes as JSON` });
  if (errors.length > 0 || !business.ok || !recipient.ok) return fail(...errors);
  const parameters = body.template?.parameters ?? (body.template?.values ? Object.values(body.template.values) : undefined) ?? body.parameters ?? [];
  return ok({
    deflectionId: body.deflectionId,
    businessPhone: business.value,
    recipientPhone: recipient.value,
    teamId: body.teamId ?? null,
    fallback: body.fallback,
    template: { name: body.template?.name ?? body.templateName, language: body.template?.language ?? body.language, parameters },
    metadata: { user: body.metadata?.user ?? {}, ticket: body.metadata?.ticket ?? {} },
  });
}
