import { ok } from '../../domain/result';
import { compileSmsTemplate } from '../../domain/templates/compile-template';
import { renderSms } from '../../domain/templates/render-message';
import type { CompiledSmsTemplate, SmsTemplateSource } from '../../domain/templates/template-types';
import type { ChannelModule } from '../channel-module';
import { phoneAddressed } from '../phone-addressed';
import { smsRecipientProblem } from './sms-recipient';
import { SMS_TEMPLATE_FILES, smsTemplateSchema } from './sms-template';

/** What the SMS provider gets: the text, already tidied (its encoding and parts are the preview's). */
export interface SmsContent {
  readonly channel: 'sms';
  readonly text: string;
}

/** SMS: ACS SMS; the outbox without a provider. */
export const smsChannel: ChannelModule<'sms', SmsTemplateSource, CompiledSmsTemplate, SmsContent> = {
  name: 'sms',
  label: 'SMS',
  displayName: 'SMS',
  interaction: 'oneShot',
  takesReplies: true,
  toggleRequired: true,
  templateSchema: smsTemplateSchema,
  templateFiles: SMS_TEMPLATE_FILES,
  compile: compileSmsTemplate,
  render(compiled, context) {
    const out = renderSms(compiled, context);
    if (!out.ok) return out;
    const { text, sms } = out.value;
    return ok({ content: { channel: 'sms', text }, preview: { subject: null, text, html: null, sms } });
  },
  ...phoneAddressed<'sms', SmsContent>('sms'),
  recipientProblem: smsRecipientProblem,
};
