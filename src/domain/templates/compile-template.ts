import { LiquidError, type Variable } from 'liquidjs';
import { fail, ok, type Result } from '../result';
import { ENGINES, MAX_TEMPLATE_LENGTH, MEMORY_LIMIT, RENDER_LIMIT_MS } from './liquid-engine';
import { isMergeField } from './merge-fields';
import type { CompiledEmailTemplate, CompiledSmsTemplate, CompiledTemplate, EmailTemplateSource, RenderMode, SmsTemplateSource, TemplateIssue, TemplatePart } from './template-types';

/** Properties a template may read from a merge field (`{{ subject.size }}`). */
const ALLOWED_PROPERTIES = new Set(['size']);

/** LiquidJS's limit messages, said so that an admin knows which limit and what to do. */
const LIMIT_MESSAGES: Readonly<Record<string, string>> = {
  'template render limit exceeded': `exceeds the render limit: it takes longer than ${RENDER_LIMIT_MS} ms to render; use fewer or smaller loops`,
  'memory alloc limit exceeded': `exceeds the memory limit: it creates more than ${MEMORY_LIMIT} items (split, ranges, appends); use smaller lists`,
  'parse length limit exceeded': `exceeds the parse limit of ${MAX_TEMPLATE_LENGTH} characters`,
};

/** Turns a Liquid parse error into an issue with line and column (the message without its position suffix). */
export function liquidIssue(error: unknown): TemplateIssue {
  if (error instanceof LiquidError) {
    const [line = 1, col = 1] = error.token.getPosition();
    const raw = (error.originalError?.message ?? error.message).replace(/, line:\d+, col:\d+$/, '');
    return { message: LIMIT_MESSAGES[raw] ?? raw, line, col };
  }
  return { message: error instanceof Error ? error.message : String(error), line: 1, col: 1 };
}

function fieldIssue(variable: Variable): TemplateIssue | undefined {
  const [root, ...rest] = variable.segments;
  const { row: line, col } = variable.location;
  if (typeof root !== 'string' || !isMergeField(root)) {
    const field = typeof root === 'string' ? root : variable.toString();
    return { field, message: `unknown merge field "${field}"`, line, col };
  }
  const property = rest.find((segment) => typeof segment !== 'string' || !ALLOWED_PROPERTIES.has(segment));
  if (property === undefined) return undefined;
  const field = variable.toString();
  return { field, message: `merge field "${root}" has no property "${String(property)}"`, line, col };
}

/**
 * Parses a template and checks every variable it reads against the declared merge fields. Returns
 * the compiled template, or every issue: a syntax error with its line and column, or each unknown
 * field (`{ field, line, col }`). Variables the template assigns itself are allowed.
 */
export function compileTemplate(source: string, mode: RenderMode): Result<CompiledTemplate, TemplateIssue> {
  if (source.length > MAX_TEMPLATE_LENGTH) return fail({ message: `is longer than ${MAX_TEMPLATE_LENGTH} characters`, line: 1, col: 1 });
  const engine = ENGINES[mode];
  let parsed;
  try {
    parsed = engine.parse(source);
  } catch (error) {
    return fail(liquidIssue(error));
  }
  const analysis = engine.analyzeSync(parsed, { partials: false });
  const issues = Object.values(analysis.globals)
    .flat()
    .map(fieldIssue)
    .filter((issue): issue is TemplateIssue => issue !== undefined)
    .sort((a, b) => a.line - b.line || a.col - b.col);
  return issues.length > 0 ? fail(...issues) : ok({ mode, parsed });
}

/** Validates a template source without keeping the result (for PUT /api/templates). */
export function validateTemplate(source: string, mode: RenderMode): Result<true, TemplateIssue> {
  const compiled = compileTemplate(source, mode);
  return compiled.ok ? ok(true) : compiled;
}

/** Compiles the three parts of an email; issues carry the `part` they are in. */
export function compileEmailTemplate(source: EmailTemplateSource): Result<CompiledEmailTemplate, TemplateIssue> {
  const parts: [Exclude<TemplatePart, 'body'>, RenderMode][] = [['subject', 'text'], ['html', 'html'], ['text', 'text']];
  const results = parts.map(([part, mode]) => ({ part, result: compileTemplate(source[part], mode) }));
  const issues = results.flatMap(({ part, result }) => (result.ok ? [] : result.errors.map((issue) => ({ ...issue, part }))));
  const [subject, html, text] = results.map(({ result }) => (result.ok ? result.value : undefined));
  if (issues.length > 0 || subject === undefined || html === undefined || text === undefined) return fail(...issues);
  return ok({ subject, html, text });
}

/** Compiles an SMS template; issues carry `part: 'text'`. */
export function compileSmsTemplate(source: SmsTemplateSource): Result<CompiledSmsTemplate, TemplateIssue> {
  const text = compileTemplate(source.text, 'text');
  return text.ok ? ok({ text: text.value }) : fail(...text.errors.map((issue) => ({ ...issue, part: 'text' as const })));
}
