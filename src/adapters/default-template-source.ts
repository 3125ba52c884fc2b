import type { TemplateSource } from '../ports/template-source';
import { defaultTemplate } from './default-templates';

/** The shipped templates (admin overrides come from the template store when configured). */
export const defaultTemplateSource: TemplateSource = {
  get: async (type, locale) => defaultTemplate(type, locale),
};
