import type { Template } from 'liquidjs';
import type { Channel, TemplateSourceOf } from '../../channels/registry';
import type { TemplateType } from '../communication';
import type { SupportedLocale } from '../locale';
import type { SmsEncodingInfo } from '../sms/sms-encoding';

/** Email template sources (Liquid), as GET /api/templates returns them. */
export interface EmailTemplateSource {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** SMS template source (Liquid). */
export interface SmsTemplateSource {
  readonly text: string;
}

/** The templates of one type × locale, one entry per registered channel. */
export type MessageTemplateSources = { readonly [N in Channel]: TemplateSourceOf<N> };

/**
 * Every shipped default: type → locale → channel. Partial, because a reply type exists only on the
 * channels that take replies; a communication type has every channel.
 */
export type TemplateLibrary = Readonly<Record<TemplateType, Readonly<Record<SupportedLocale, Partial<MessageTemplateSources>>>>>;


/** Which part of a message a template is: the email subject, HTML body or text body, or the SMS text. */
export type TemplatePart = 'subject' | 'html' | 'text' | 'body';

/** `html` output escapes every value; `text` outputs values as they are. */
export type RenderMode = 'html' | 'text';

/** A problem in a template: a Liquid syntax error, or a merge field that does not exist (`field`). */
export interface TemplateIssue {
  readonly part?: TemplatePart;
  readonly field?: string;
  readonly message: string;
  /** 1-based line and column in the template source. */
  readonly line: number;
  readonly col: number;
}

/** A parsed and validated template, ready to render many times. */
export interface CompiledTemplate {
  readonly mode: RenderMode;
  readonly parsed: Template[];
}

/** A compiled email: the subject and text parts render as text, the HTML part escaped. */
export interface CompiledEmailTemplate {
  readonly subject: CompiledTemplate;
  readonly html: CompiledTemplate;
  readonly text: CompiledTemplate;
}

/** A compiled SMS template. */
export interface CompiledSmsTemplate {
  readonly text: CompiledTemplate;
}

/** A rendered email. */
export interface RenderedEmail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** A rendered SMS with its encoding and segment count. */
export interface RenderedSms {
  readonly text: string;
  readonly sms: SmsEncodingInfo;
}
