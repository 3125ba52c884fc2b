import type { CommunicationType, MessageTemplateSources, SupportedLocale } from '../domain';

/** The templates in force for a type and locale (an admin's override, else the shipped default). */
export interface TemplateSource {
  get(type: CommunicationType, locale: SupportedLocale): Promise<MessageTemplateSources>;
}
