import { ok } from '../../domain/result';
import type { ChannelModule } from '../channel-module';
import { phoneAddressed } from '../phone-addressed';
import { smsRecipientProblem } from '../sms/sms-recipient';
import {
  WHATSAPP_TEMPLATE_FILES, compileWhatsAppTemplate, renderWhatsApp, whatsAppDisplayText, whatsAppPreviewHtml, whatsAppSourceFromFiles, whatsAppTemplateSchema,
  type CompiledWhatsAppTemplate, type WhatsAppButton, type WhatsAppTemplateSource,
} from './whatsapp-template';

/**
 * What the WhatsApp provider gets: the approved template with its bound parameters (sent any time),
 * and/or a free-form text (sent only inside the customer's 24-hour window; see whatsapp-sender.ts).
 * `text` is what the customer reads (the template body with its buttons, else the free text): what
 * previews and the outbox show.
 */
export interface WhatsAppContent {
  readonly channel: 'whatsapp';
  readonly text: string;
  readonly template: { readonly name: string; readonly language: string; readonly parameters: readonly string[]; readonly buttons: readonly WhatsAppButton[] } | null;
  readonly freeText: string | null;
  /** The quick-reply buttons the customer sees (the template's; none on a free text). */
  readonly buttons: readonly WhatsAppButton[];
}

/** WhatsApp: ACS Advanced Messaging; the outbox without a provider. Added after the first release: optional in PUT /api/settings. */
export const whatsAppChannel: ChannelModule<'whatsapp', WhatsAppTemplateSource, CompiledWhatsAppTemplate, WhatsAppContent> = {
  name: 'whatsapp',
  label: 'WhatsApp',
  displayName: 'WhatsApp',
  interaction: 'oneShot',
  takesReplies: true,
  toggleRequired: false,
  templateSchema: whatsAppTemplateSchema,
  templateFiles: WHATSAPP_TEMPLATE_FILES,
  fromFiles: whatsAppSourceFromFiles,
  compile: compileWhatsAppTemplate,
  render(compiled, context) {
    const out = renderWhatsApp(compiled, context);
    if (!out.ok) return out;
    const { template, text: freeText } = out.value;
    const buttons = template?.buttons ?? [];
    const text = template ? whatsAppDisplayText(template.body, buttons) : (freeText ?? '');
    const content: WhatsAppContent = {
      channel: 'whatsapp', text, freeText, buttons,
      template: template ? { name: template.name, language: template.language, parameters: template.parameters, buttons } : null,
    };
    return ok({ content, preview: { subject: null, text, html: whatsAppPreviewHtml(template?.body ?? freeText ?? '', buttons), sms: null } });
  },
  ...phoneAddressed<'whatsapp', WhatsAppContent>('whatsapp'),
  // A WhatsApp account is a mobile number: the same rule as SMS (a landline is refused before the provider).
  recipientProblem: smsRecipientProblem,
};
