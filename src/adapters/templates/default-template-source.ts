import type { TemplateSource } from '../../ports/template-source';
import { defaultChannelTemplate } from './default-templates';

/** The shipped templates only; `OverrideTemplateSource` puts admins' overrides over them. */
export const defaultTemplateSource: TemplateSource = {
  get: async (type, channel, locale) => defaultChannelTemplate(type, channel, locale),
};
