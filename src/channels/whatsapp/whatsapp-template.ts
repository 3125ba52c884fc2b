import { z } from 'zod';
import { fail, ok, type Result } from '../../domain/result';
import { compileTemplate } from '../../domain/templates/compile-template';
import { renderTemplate, tidyText } from '../../domain/templates/render-message';
import type { MergeContext } from '../../domain/templates/merge-fields';
import type { CompiledTemplate, TemplateIssue } from '../../domain/templates/template-types';

/** What a quick-reply button means: the reply intents a customer can press (API.md "WhatsApp"). */
export const WHATSAPP_BUTTON_PAYLOADS = ['confirm', 'cancel', 'reschedule'] as const;
export type WhatsAppButtonPayload = (typeof WHATSAPP_BUTTON_PAYLOADS)[number];

/** Meta allows at most 3 quick-reply buttons on a template (contact-center.md §D.2). */
export const MAX_WHATSAPP_BUTTONS = 3;
/** Longest body Meta accepts for a template, and our limit for a free-form text. */
export const WHATSAPP_BODY_LIMIT = 1_024;
export const WHATSAPP_TEXT_LIMIT = 4_096;

const notBlank = (max: number) => z.string().max(max).refine((value) => value.trim() !== '', 'must not be empty');

/**
 * A WhatsApp mapping (PUT body of `…/whatsapp/{locale}`, file `whatsapp.json`): the approved template
 * it sends (`name`, Meta's `language` code, a copy of its `body` with a merge field where Meta has
 * `{{1}}`, `{{2}}`…, and up to 3 quick-reply `buttons`), and/or a free-form `text` (Liquid) sent only
 * inside the customer's 24-hour window. Reply types ship `text` only: they answer a customer who has
 * just written, so the window is open.
 */
export const whatsAppTemplateSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9_]{1,512}$/, 'must be the approved template name: lower-case letters, digits and _').optional(),
    language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "must be Meta's language code, e.g. en_US or es").optional(),
    body: notBlank(WHATSAPP_BODY_LIMIT).optional(),
    buttons: z
      .array(z.strictObject({ text: notBlank(25), payload: z.enum(WHATSAPP_BUTTON_PAYLOADS) }))
      .max(MAX_WHATSAPP_BUTTONS, `must have at most ${MAX_WHATSAPP_BUTTONS} buttons (WhatsApp's limit for quick replies)`)
      .optional(),
    text: notBlank(WHATSAPP_TEXT_LIMIT).optional(),
  })
  .superRefine((value, ctx) => {
    const template = [value.name, value.language, value.body];
    const some = template.some((v) => v !== undefined);
    if (some) {
      for (const key of ['name', 'language', 'body'] as const) {
        if (value[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'is required with a template (name, language and body go together)' });
      }
    } else if (value.buttons !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['buttons'], message: 'belong to a template: give name, language and body too' });
    }
    if (!some && value.text === undefined) ctx.addIssue({ code: 'custom', path: ['text'], message: 'is required without a template (name, language, body)' });
    const payloads = (value.buttons ?? []).map((b) => b.payload);
    payloads.forEach((payload, i) => {
      if (payloads.indexOf(payload) !== i) ctx.addIssue({ code: 'custom', path: ['buttons', i, 'payload'], message: `"${payload}" is on two buttons` });
    });
  });

export type WhatsAppTemplateSource = z.output<typeof whatsAppTemplateSchema>;

/** The shipped default's file under `templates/<type>/<locale>/` (one JSON document). */
export const WHATSAPP_TEMPLATE_FILES = { mapping: 'whatsapp.json' } as const;

/** The file's JSON as the template source (the schema checks it like an admin's PUT). */
export function whatsAppSourceFromFiles(parts: Readonly<Record<string, string>>): unknown {
  return JSON.parse(parts['mapping'] ?? 'null') as unknown;
}

export interface WhatsAppButton {
  readonly text: string;
  readonly payload: WhatsAppButtonPayload;
}

interface CompiledBody {
  /** The literal text around the parameters: `pieces.length === parameters.length + 1`. */
  readonly pieces: readonly string[];
  readonly parameters: readonly CompiledTemplate[];
}

export interface CompiledWhatsAppTemplate {
  readonly template: { readonly name: string; readonly language: string; readonly body: CompiledBody; readonly buttons: readonly WhatsAppButton[] } | null;
  readonly text: CompiledTemplate | null;
}

const PARAMETER = /\{\{([\s\S]*?)\}\}/g;

/** Line and column (1-based) of `offset` in `source`. */
function position(source: string, offset: number): { line: number; col: number } {
  const before = source.slice(0, offset).split('\n');
  return { line: before.length, col: (before[before.length - 1] ?? '').length + 1 };
}

/**
 * Splits an approved body into literal text and parameters. The body is fixed at Meta, so only
 * `{{ field }}` outputs are allowed (no `{% %}` tags); a body may not start or end with a parameter
 * nor hold two side by side (Meta refuses such templates); every field must be a merge field.
 */
export function compileWhatsAppBody(body: string): Result<CompiledBody, TemplateIssue> {
  const issues: TemplateIssue[] = [];
  const at = (offset: number, message: string, field?: string): TemplateIssue => ({ part: 'body', message, ...position(body, offset), ...(field ? { field } : {}) });
  const tag = body.indexOf('{%');
  if (tag >= 0) issues.push(at(tag, 'must not use Liquid tags ({% %}): an approved WhatsApp body is fixed text with {{ field }} parameters'));
  const pieces: string[] = [];
  const parameters: CompiledTemplate[] = [];
  let last = 0;
  for (const match of body.matchAll(PARAMETER)) {
    const offset = match.index;
    const literal = body.slice(last, offset);
    if (parameters.length === 0 && literal.trim() === '') issues.push(at(offset, 'must not start with a parameter (WhatsApp refuses such templates)'));
    else if (parameters.length > 0 && literal.trim() === '') issues.push(at(offset, 'must not have two parameters side by side (WhatsApp refuses such templates)'));
    pieces.push(literal);
    const compiled = compileTemplate(`{{${match[1] ?? ''}}}`, 'text');
    if (compiled.ok) parameters.push(compiled.value);
    else issues.push(...compiled.errors.map((issue) => ({ ...issue, part: 'body' as const, ...position(body, offset) })));
    last = offset + match[0].length;
  }
  const tail = body.slice(last);
  if (parameters.length > 0 && tail.trim() === '') issues.push(at(last - 1, 'must not end with a parameter (WhatsApp refuses such templates)'));
  pieces.push(tail);
  return issues.length > 0 ? fail(...issues) : ok({ pieces, parameters });
}

export function compileWhatsAppTemplate(source: WhatsAppTemplateSource): Result<CompiledWhatsAppTemplate, TemplateIssue> {
  const issues: TemplateIssue[] = [];
  let template: CompiledWhatsAppTemplate['template'] = null;
  if (source.name !== undefined && source.language !== undefined && source.body !== undefined) {
    const body = compileWhatsAppBody(source.body);
    if (body.ok) template = { name: source.name, language: source.language, body: body.value, buttons: source.buttons ?? [] };
    else issues.push(...body.errors);
  }
  let text: CompiledTemplate | null = null;
  if (source.text !== undefined) {
    const compiled = compileTemplate(source.text, 'text');
    if (compiled.ok) text = compiled.value;
    else issues.push(...compiled.errors.map((issue) => ({ ...issue, part: 'text' as const })));
  }
  return issues.length > 0 ? fail(...issues) : ok({ template, text });
}

/**
 * A parameter as WhatsApp takes it: Meta refuses new lines, tabs and more than four spaces in a row
 * in a parameter, and an empty one, so whitespace runs become one space and an empty value a dash.
 */
export function whatsAppParameter(value: string): string {
  const tidy = value.replace(/\s+/g, ' ').trim();
  return tidy === '' ? '-' : tidy;
}

export interface RenderedWhatsApp {
  readonly template: { readonly name: string; readonly language: string; readonly parameters: readonly string[]; readonly body: string; readonly buttons: readonly WhatsAppButton[] } | null;
  readonly text: string | null;
}

export function renderWhatsApp(compiled: CompiledWhatsAppTemplate, context: MergeContext): Result<RenderedWhatsApp, TemplateIssue> {
  let template: RenderedWhatsApp['template'] = null;
  if (compiled.template) {
    const parameters: string[] = [];
    for (const parameter of compiled.template.body.parameters) {
      const value = renderTemplate(parameter, context);
      if (!value.ok) return fail(...value.errors.map((issue) => ({ ...issue, part: 'body' as const })));
      parameters.push(whatsAppParameter(value.value));
    }
    const { pieces } = compiled.template.body;
    const body = tidyText(pieces.map((piece, i) => piece + (parameters[i] ?? '')).join(''));
    template = { name: compiled.template.name, language: compiled.template.language, parameters, body, buttons: compiled.template.buttons };
  }
  let text: string | null = null;
  if (compiled.text) {
    const value = renderTemplate(compiled.text, context);
    if (!value.ok) return fail(...value.errors.map((issue) => ({ ...issue, part: 'text' as const })));
    text = tidyText(value.value);
  }
  return ok({ template, text });
}

/** The message as a customer sees it in WhatsApp: the text, then a line of buttons. */
export function whatsAppDisplayText(text: string, buttons: readonly WhatsAppButton[]): string {
  return buttons.length === 0 ? text : `${text}\n\n${buttons.map((b) => `[ ${b.text} ]`).join('  ')}`;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The preview's picture of the message: a WhatsApp bubble with its quick-reply buttons below. */
export function whatsAppPreviewHtml(text: string, buttons: readonly WhatsAppButton[]): string {
  const lines = escapeHtml(text).replace(/\n/g, '<br>');
  const row = buttons.map((b) => `<button type="button" data-payload="${b.payload}">${escapeHtml(b.text)}</button>`).join('');
  return `<div class="whatsapp-message"><p>${lines}</p>${row ? `<div class="whatsapp-buttons">${row}</div>` : ''}</div>`;
}
