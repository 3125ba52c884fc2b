import type { Result } from '../result';
import { compileEmailTemplate, compileSmsTemplate } from './compile-template';
import type { CompiledEmailTemplate, CompiledSmsTemplate, EmailTemplateSource, SmsTemplateSource, TemplateIssue } from './template-types';

/** Compiles templates once per distinct source; see {@link createTemplateCache}. */
export interface TemplateCache {
  email(source: EmailTemplateSource): Result<CompiledEmailTemplate, TemplateIssue>;
  sms(source: SmsTemplateSource): Result<CompiledSmsTemplate, TemplateIssue>;
}

/**
 * A bounded cache of compiled templates keyed by their source text (least recently used entries go
 * first). Parsing dominates rendering cost, so callers keep one cache for the process.
 */
export function createTemplateCache(maxEntries = 256): TemplateCache {
  const entries = new Map<string, Result<unknown, TemplateIssue>>();
  function cached<T>(key: string, compile: () => Result<T, TemplateIssue>): Result<T, TemplateIssue> {
    const hit = entries.get(key) as Result<T, TemplateIssue> | undefined;
    if (hit !== undefined) {
      entries.delete(key);
      entries.set(key, hit);
      return hit;
    }
    const result = compile();
    entries.set(key, result);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    return result;
  }
  return {
    email: (source) => cached(JSON.stringify(['email', source.subject, source.html, source.text]), () => compileEmailTemplate(source)),
    sms: (source) => cached(JSON.stringify(['sms', source.text]), () => compileSmsTemplate(source)),
  };
}
