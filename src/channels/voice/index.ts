import { ok } from '../../domain/result';
import type { ChannelModule } from '../channel-module';
import { phoneAddressed } from '../phone-addressed';
import { compileVoiceTemplate, renderVoiceText, VOICE_TEMPLATE_FILES, voiceTemplateSchema, type CompiledVoiceTemplate, type VoiceTemplateSource } from './voice-template';

/** What the voice provider gets: the spoken message (the call adds the menu, in the settings' voice). */
export interface VoiceContent {
  readonly channel: 'voice';
  readonly text: string;
}

/**
 * Voice: an outbound call through ACS Call Automation that speaks the message and takes one key
 * (a conversation: the provider calls back about it); the local outbox's calls without a provider.
 */
export const voiceChannel: ChannelModule<'voice', VoiceTemplateSource, CompiledVoiceTemplate, VoiceContent> = {
  name: 'voice',
  label: 'voice',
  displayName: 'Voice',
  interaction: 'conversation',
  // Customers answer with the keypad during the call, not in text: no reply templates.
  takesReplies: false,
  toggleRequired: false,
  templateSchema: voiceTemplateSchema,
  templateFiles: VOICE_TEMPLATE_FILES,
  compile: compileVoiceTemplate,
  render(compiled, context) {
    const text = renderVoiceText(compiled, context);
    if (!text.ok) return text;
    return ok({ content: { channel: 'voice', text: text.value }, preview: { subject: null, text: text.value, html: null, sms: null } });
  },
  ...phoneAddressed<'voice', VoiceContent>('voice'),
};
