import { fail, type Result } from '../domain/result';
import type { MeetinglessContext } from '../domain/templates/merge-context';
import type { MergeContext } from '../domain/templates/merge-fields';
import type { TemplateIssue } from '../domain/templates/template-types';
import type { Rendered } from './channel-module';
import { channelModule, type Channel, type MessageContent } from './registry';

/** Compiles templates once per distinct source; see {@link createTemplateCache}. */
export interface TemplateCache {
  /** The compiled template of `source` for `channel` (parse issues are cached too). */
  compile(channel: Channel, source: unknown): Result<unknown, TemplateIssue>;
}

/**
 * A bounded cache of compiled templates keyed by channel and source text (least recently used
 * entries go first). Parsing dominates rendering cost, so callers keep one cache for the process.
 */
export function createTemplateCache(maxEntries = 256): TemplateCache {
  const entries = new Map<string, Result<unknown, TemplateIssue>>();
  return {
    compile(channel, source) {
      const key = JSON.stringify([channel, source]);
      const hit = entries.get(key);
      if (hit !== undefined) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const result = channelModule(channel).compile(source);
      entries.set(key, result);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return result;
    },
  };
}

/** Where rendering stopped: the template did not compile, or it compiled and failed to render. */
export type RenderFailure = { readonly stage: 'compile' | 'render'; readonly issues: readonly TemplateIssue[] };

/**
 * Renders one message of `channel` from its template sources: the one place that turns a template
 * into content for any channel (sends, previews, trial renders at save time).
 */
export function renderMessage(cache: TemplateCache, channel: Channel, source: unknown, context: MergeContext): Result<Rendered<MessageContent>, RenderFailure> {
  const compiled = cache.compile(channel, source);
  if (!compiled.ok) return fail({ stage: 'compile', issues: compiled.errors });
  const rendered = channelModule(channel).render(compiled.value, context);
  return rendered.ok ? rendered : fail({ stage: 'render', issues: rendered.errors });
}

/**
 * Renders a message about no meeting from only the meeting-less fields. Templates render with strict
 * variables, so one that reads a meeting field (an admin's replyHelp naming `subject`) fails to
 * render, naming the field: an error, never an empty string. The caller falls back to the default.
 */
export function renderMeetingless(cache: TemplateCache, channel: Channel, source: unknown, context: MeetinglessContext): Result<Rendered<MessageContent>, RenderFailure> {
  return renderMessage(cache, channel, source, context as MergeContext);
}
