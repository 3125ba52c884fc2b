import { z } from 'zod';
import { compileTemplate } from '../../domain/templates/compile-template';
import { renderTemplate, tidyText } from '../../domain/templates/render-message';
import { fail, ok, type Result } from '../../domain/result';
import type { CompiledTemplate, TemplateIssue } from '../../domain/templates/template-types';
import type { MergeContext } from '../../domain/templates/merge-fields';

/**
 * Longest spoken message, in characters. Call Automation's text to speech takes at most 4 000
 * characters per prompt, and the menu is spoken after the message in the same prompt.
 */
export const VOICE_TEXT_LIMIT = 3_000;

/** A voice template's Liquid source: PUT body for `…/voice/{locale}`. */
export const voiceTemplateSchema = z.strictObject({ text: z.string().max(VOICE_TEXT_LIMIT).refine((value) => value.trim() !== '', 'must not be empty') });
export type VoiceTemplateSource = z.infer<typeof voiceTemplateSchema>;

/** The shipped default's file under `templates/<type>/<locale>/`. */
export const VOICE_TEMPLATE_FILES = { text: 'voice.liquid' } as const;

export interface CompiledVoiceTemplate {
  readonly text: CompiledTemplate;
}

/** Merge fields that are links: nobody can follow a link read out on the phone. */
const LINK_FIELDS = new Set(['cancelLink', 'joinUrl']);

/** Compiles a voice template: the merge fields of any message, except links. Issues carry `part: 'text'`. */
export function compileVoiceTemplate(source: VoiceTemplateSource): Result<CompiledVoiceTemplate, TemplateIssue> {
  const links = [...source.text.matchAll(/\b(cancelLink|joinUrl)\b/g)].map((m) => m[1] as string).filter((name) => LINK_FIELDS.has(name));
  if (links.length > 0) {
    const before = source.text.slice(0, source.text.search(/\b(cancelLink|joinUrl)\b/)).split('\n');
    return fail({ part: 'text', field: links[0], message: `merge field "${links[0]}" is a link, which a call cannot speak usefully`, line: before.length, col: (before[before.length - 1]?.length ?? 0) + 1 });
  }
  const text = compileTemplate(source.text, 'text');
  return text.ok ? ok({ text: text.value }) : fail(...text.errors.map((issue) => ({ ...issue, part: 'text' as const })));
}

/** Renders the spoken text: one paragraph (line breaks are pauses to a voice, not layout), within the limit. */
export function renderVoiceText(compiled: CompiledVoiceTemplate, context: MergeContext): Result<string, TemplateIssue> {
  const rendered = renderTemplate(compiled.text, context);
  if (!rendered.ok) return fail(...rendered.errors.map((issue) => ({ ...issue, part: 'text' as const })));
  const text = tidyText(rendered.value).replace(/\s+/g, ' ');
  if (text.length > VOICE_TEXT_LIMIT) return fail({ part: 'text', message: `renders to more than ${VOICE_TEXT_LIMIT} characters, too long to speak`, line: 1, col: 1 });
  return ok(text);
}
