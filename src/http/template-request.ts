import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { CHANNELS, SUPPORTED_LOCALES, TEMPLATE_TYPES, templateChannels, type Channel, type SupportedLocale, type TemplateType } from '../domain';
import type { TemplateFieldError, TemplateRef } from '../app/template-input';
import { problem } from './problem';

/**
 * Template bodies can be large (an HTML part of up to 100 000 characters, several bytes each in
 * UTF-8), so these routes accept more than the 64 KiB of a meeting.
 */
export const MAX_TEMPLATE_BODY_BYTES = 512 * 1024;

const oneOf = (values: readonly string[]): string => `must be one of: ${values.map((v) => JSON.stringify(v)).join(', ')}`;
const member = <T extends string>(values: readonly T[], value: string | undefined): T | undefined => values.find((v) => v === value);

/**
 * Why `channel` has no template of `type` (a reply type on email), or undefined when it has one.
 * The message names the channels that do.
 */
export function channelProblem(type: TemplateType, channel: Channel): string | undefined {
  const channels = templateChannels(type);
  return channels.includes(channel) ? undefined : `${type} templates exist only for: ${channels.map((c) => JSON.stringify(c)).join(', ')}`;
}

/**
 * The template named by the path `{type}/{channel}/{locale}`. An unknown segment, or a channel the
 * type does not exist on (`replyHelp/email`), is a 404 (no such template) whose errors name the
 * segment and the values it may take.
 */
export function templateRefFromPath(req: Pick<HttpRequest, 'params'>): { ok: true; ref: TemplateRef } | { ok: false; response: HttpResponseInit } {
  const type: TemplateType | undefined = member(TEMPLATE_TYPES, req.params.type);
  const channel: Channel | undefined = member(CHANNELS, req.params.channel);
  const locale: SupportedLocale | undefined = member(SUPPORTED_LOCALES, req.params.locale);
  const wrongChannel = type !== undefined && channel !== undefined ? channelProblem(type, channel) : undefined;
  if (type !== undefined && channel !== undefined && locale !== undefined && wrongChannel === undefined) return { ok: true, ref: { type, channel, locale } };
  const errors = [
    ...(type === undefined ? [{ path: 'type', message: oneOf(TEMPLATE_TYPES) }] : []),
    ...(channel === undefined ? [{ path: 'channel', message: oneOf(CHANNELS) }] : []),
    ...(wrongChannel === undefined ? [] : [{ path: 'channel', message: wrongChannel }]),
    ...(locale === undefined ? [{ path: 'locale', message: oneOf(SUPPORTED_LOCALES) }] : []),
  ];
  return { ok: false, response: problem(404, 'Not found', 'No such template: the path is /api/templates/{type}/{channel}/{locale}.', errors) };
}

/** 400 for a template that fails validation; each error names the part, and Liquid problems their line and column. */
export function invalidTemplate(errors: readonly TemplateFieldError[], detail = 'The template has errors; nothing was saved.'): HttpResponseInit {
  return problem(400, 'Invalid template', detail, [...errors]);
}

/** A 200 JSON answer that no cache keeps (templates change, and previews carry personal data). */
export function jsonOk(body: unknown): HttpResponseInit {
  return { status: 200, headers: { 'cache-control': 'no-store' }, jsonBody: body };
}
