import { SUPPORTED_LOCALES } from '../../src/domain';
import type { FieldTexts } from './field-texts';

/** `a, b or c`: the allowed values of a field, as its help text lists them. */
export const oneOf = (values: readonly string[]): string => (values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`);

/** The supported locales as help texts name them (`en-US or es-ES`), from the domain's one list. */
export const LOCALES_TEXT = oneOf(SUPPORTED_LOCALES);

/** Texts of GetHealth's answer. */
export const HEALTH_FIELDS: FieldTexts = {
  status: { summary: 'Status', description: 'ok when the service is configured and running.' },
  version: { summary: 'Version', description: 'The version of the service.' },
  providers: {
    summary: 'Providers',
    description: 'Which provider sends each channel: acs (Azure Communication Services) or outbox (recorded only, nothing sent).',
    fields: {
      email: { summary: 'Email provider', description: 'acs or outbox.' },
      sms: { summary: 'SMS provider', description: 'acs or outbox.' },
      whatsapp: { summary: 'WhatsApp provider', description: 'acs or outbox.' },
      voice: { summary: 'Voice provider', description: 'acs (Call Automation) or outbox.' },
    },
  },
};

/** Texts of the problem+json error body. */
export const PROBLEM_FIELDS: FieldTexts = {
  type: { summary: 'Problem type', description: 'A URI naming the kind of problem (about:blank when the status says it all).' },
  title: { summary: 'Title', description: 'A short summary of the problem.' },
  status: { summary: 'HTTP status', description: 'The HTTP status code.' },
  detail: { summary: 'Detail', description: 'What went wrong, and what to do about it.' },
  errors: {
    summary: 'Field errors',
    description: 'One entry per invalid field.',
    fields: {
      path: { summary: 'Field', description: 'The field, dotted, e.g. contact.phone.' },
      message: { summary: 'Message', description: 'What is wrong with it.' },
      line: { summary: 'Line', description: 'For a template: the line of the problem.' },
      column: { summary: 'Column', description: 'For a template: the column of the problem.' },
      field: { summary: 'Merge field', description: 'For a template: the unknown merge field.' },
    },
  },
};
