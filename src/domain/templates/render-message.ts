import { fail, ok, type Result } from '../result';
import { smsEncodingInfo } from '../sms/sms-encoding';
import { liquidIssue } from './compile-template';
import { ENGINES, RENDER_OPTIONS } from './liquid-engine';
import type { MergeContext } from './merge-fields';
import type { CompiledEmailTemplate, CompiledSmsTemplate, CompiledTemplate, RenderedEmail, RenderedSms, TemplateIssue } from './template-types';

/** Subjects are one line: any run of whitespace (including newlines) becomes one space. */
export function tidySubject(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Plain text: `\n` line ends, no trailing spaces, at most one blank line in a row, trimmed. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** SMS text: as plain text, and runs of spaces (left by `{% if %}` blocks) become one: every character costs. */
export function tidySms(text: string): string {
  return tidyText(text.replace(/[ \t]{2,}/g, ' '));
}

/** Renders one compiled template with a merge context; a render failure is returned, not thrown. */
export function renderTemplate(compiled: CompiledTemplate, context: MergeContext): Result<string, TemplateIssue> {
  try {
    const output: unknown = ENGINES[compiled.mode].renderSync(compiled.parsed, { ...context }, RENDER_OPTIONS);
    return ok(String(output));
  } catch (error) {
    return fail(liquidIssue(error));
  }
}

/** Renders an email: subject (one line), HTML (values escaped) and plain-text alternative. */
export function renderEmail(compiled: CompiledEmailTemplate, context: MergeContext): Result<RenderedEmail, TemplateIssue> {
  const subject = renderTemplate(compiled.subject, context);
  const html = renderTemplate(compiled.html, context);
  const text = renderTemplate(compiled.text, context);
  if (!subject.ok) return fail(...subject.errors.map((issue) => ({ ...issue, part: 'subject' as const })));
  if (!html.ok) return fail(...html.errors.map((issue) => ({ ...issue, part: 'html' as const })));
  if (!text.ok) return fail(...text.errors.map((issue) => ({ ...issue, part: 'text' as const })));
  return ok({ subject: tidySubject(subject.value), html: html.value.trim(), text: tidyText(text.value) });
}

/** Renders an SMS and reports its encoding and segment count. */
export function renderSms(compiled: CompiledSmsTemplate, context: MergeContext): Result<RenderedSms, TemplateIssue> {
  const rendered = renderTemplate(compiled.text, context);
  if (!rendered.ok) return fail(...rendered.errors.map((issue) => ({ ...issue, part: 'text' as const })));
  const text = tidySms(rendered.value);
  return ok({ text, sms: smsEncodingInfo(text) });
}
