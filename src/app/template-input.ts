import {
  buildMergeContext, carriesCancelLink, defaultRepliesSettings, fail, linkPageUrl, minimalSampleMeeting, ok, onlineSampleMeeting, replyHintFor,
  sampleChoices, SAMPLE_MEETINGS, SAMPLE_ORGANISATION,
  type Channel, type Result, type SupportedLocale, type TemplateIssue, type TemplateType,
} from '../domain';
import { parseWith } from '../domain/zod-errors';
import { channelModule } from '../channels/registry';
import { createTemplateCache, renderMessage } from '../channels/templates';
import type { ChannelTemplate } from '../ports/template-store';

/** One template: type × channel × locale (a reply type only on the channels that take replies). */
export interface TemplateRef<C extends Channel = Channel> {
  readonly type: TemplateType;
  readonly channel: C;
  readonly locale: SupportedLocale;
}

/** A field error of a template body; Liquid problems also say where (1-based line and column). */
export interface TemplateFieldError {
  readonly path: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
  /** The unknown merge field, when that is the problem. */
  readonly field?: string;
}


const SAMPLE_LINK = linkPageUrl('https://comms.example.com', 'q1w2e3r4t5y6u7i8o9p0aZ');

const joinPath = (prefix: string, path: string): string => [prefix, path].filter((p) => p !== '').join('.');

/** Turns Liquid issues into field errors under `prefix` (`html`, `template.html`). */
export function issueErrors(issues: readonly TemplateIssue[], prefix: string): TemplateFieldError[] {
  return issues.map((issue) => ({
    path: joinPath(prefix, issue.part ?? 'text'),
    message: issue.message,
    line: issue.line,
    column: issue.col,
    ...(issue.field === undefined ? {} : { field: issue.field }),
  }));
}

/**
 * Validates an admin's template for one type × channel × locale (PUT, or the preview's unsaved
 * `template`): the shape (email `{ subject, html, text }`, SMS `{ text }`, no other key), the size
 * of each part, Liquid syntax and merge fields (compile), and a trial render with the locale's full,
 * online and minimal sample meetings, so a template that cannot render is refused at save time
 * rather than failing every message. Errors name the part under `prefix` and say where.
 */
export function checkTemplate<C extends Channel>(ref: TemplateRef<C>, input: unknown, prefix = ''): Result<ChannelTemplate<C>, TemplateFieldError> {
  const parsed = parseWith(channelModule(ref.channel).templateSchema, input);
  if (!parsed.ok) return fail(...parsed.errors.map((e) => ({ path: joinPath(prefix, e.path), message: e.message })));
  const issues = trialRender(ref, parsed.value);
  return issues.length > 0 ? fail(...issueErrors(issues, prefix)) : ok(parsed.value as ChannelTemplate<C>);
}

/** Trial renders try the hint both on (replies enabled) and off; a replyWhich always has its choices, as when it is sent. */
const REPLIES_ON = { ...defaultRepliesSettings(), enabled: true };

function sampleContexts(ref: TemplateRef) {
  const cancelLink = carriesCancelLink(ref.type) ? SAMPLE_LINK : null;
  const hint = replyHintFor(ref.type, ref.channel, ref.locale, REPLIES_ON);
  const choices = ref.type === 'replyWhich' ? sampleChoices(ref.locale) : [];
  return [
    { meeting: SAMPLE_MEETINGS[ref.locale], replyHint: hint, choices },
    { meeting: onlineSampleMeeting(ref.locale), replyHint: null, choices },
    { meeting: minimalSampleMeeting(ref.locale), replyHint: hint, choices },
  ].map(({ meeting, ...rest }) =>
    buildMergeContext({ meeting, locale: ref.locale, zone: meeting.contact.timeZone, cancelLink, organisationName: SAMPLE_ORGANISATION, ...rest }));
}

/** Not shared with sends: a trial render must not evict the templates messages use. */
const trialCache = createTemplateCache(64);

/** Compiles the sources and renders them with each sample meeting; the first problem found, or none. */
function trialRender(ref: TemplateRef, template: unknown): readonly TemplateIssue[] {
  for (const context of sampleContexts(ref)) {
    const rendered = renderMessage(trialCache, ref.channel, template, context);
    if (!rendered.ok) return rendered.errors.flatMap((failure) => failure.issues);
  }
  return [];
}
