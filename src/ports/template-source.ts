import type { Channel, TemplateType, MessageTemplateSources, SupportedLocale } from '../domain';

/**
 * The template in force for one type × channel × locale (an admin's override, else the shipped
 * default). Per channel: a message renders one channel, so it reads one template.
 */
export interface TemplateSource {
  get<C extends Channel>(type: TemplateType, channel: C, locale: SupportedLocale): Promise<MessageTemplateSources[C]>;
}
