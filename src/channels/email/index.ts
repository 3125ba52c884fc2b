import { z } from 'zod';
import { fail, ok } from '../../domain/result';
import { compileEmailTemplate } from '../../domain/templates/compile-template';
import { renderEmail } from '../../domain/templates/render-message';
import type { CompiledEmailTemplate, EmailTemplateSource } from '../../domain/templates/template-types';
import type { ChannelModule } from '../channel-module';
import { EMAIL_TEMPLATE_FILES, emailTemplateSchema } from './email-template';

/** What the email provider gets: a one-line subject, the plain-text alternative and the escaped HTML. */
export interface EmailContent {
  readonly channel: 'email';
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Prefix of a test email's subject, so nobody mistakes it for a real message. */
export const TEST_SUBJECT_PREFIX = '[TEST] ';

const address = z.email();

/** Email: ACS Email or Microsoft Graph `sendMail`; the outbox without a provider. */
export const emailChannel: ChannelModule<'email', EmailTemplateSource, CompiledEmailTemplate, EmailContent> = {
  name: 'email',
  label: 'email',
  displayName: 'Email',
  interaction: 'oneShot',
  takesReplies: false,
  toggleRequired: true,
  templateSchema: emailTemplateSchema,
  templateFiles: EMAIL_TEMPLATE_FILES,
  compile: compileEmailTemplate,
  render(compiled, context) {
    const out = renderEmail(compiled, context);
    if (!out.ok) return out;
    const { subject, text, html } = out.value;
    return ok({ content: { channel: 'email', subject, text, html }, preview: { subject, text, html, sms: null } });
  },
  address: (contact) => contact.email,
  noAddressReason: 'no email address',
  parseTestRecipient: (input) => (address.safeParse(input).success ? ok(input) : fail('must be an email address for the email channel')),
  asTest: (content) => ({ ...content, subject: `${TEST_SUBJECT_PREFIX}${content.subject}` }),
};
