import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  COMMUNICATION_TYPES, SUPPORTED_LOCALES, TEMPLATE_TYPES, templateChannels,
  type Channel, type CommunicationType, type MessageTemplateSources, type SupportedLocale, type TemplateLibrary, type TemplateType,
} from '../../domain';
import { channelModule } from '../../channels/registry';

let cached: TemplateLibrary | undefined;

/**
 * Finds the shipped `templates/` folder: beside the sources (`src/adapters/../../templates`) or
 * beside the compiled output (`dist/src/adapters/../../../templates`), whichever exists first.
 */
export function findTemplatesRoot(from: string = __dirname): string {
  let dir = resolve(from);
  for (let depth = 0; depth < 5; depth += 1) {
    const candidate = join(dir, 'templates');
    if (existsSync(join(candidate, COMMUNICATION_TYPES[0], SUPPORTED_LOCALES[0]))) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`default templates not found above ${from}`);
}

function read(root: string, type: TemplateType, locale: SupportedLocale, file: string): string {
  // Missing defaults are a packaging bug: fail loudly at first use, naming the file.
  return readFileSync(join(root, type, locale, file), 'utf8');
}

/**
 * Reads every default template from `root` (synchronously): each type's files for the channels it
 * exists on (a reply type has no email files). Throws if any of them is missing.
 */
export function readTemplateLibrary(root: string): TemplateLibrary {
  const entries = TEMPLATE_TYPES.map((type) => {
    const byLocale = SUPPORTED_LOCALES.map((locale) => [locale, Object.fromEntries(templateChannels(type).map((name) => {
      const module = channelModule(name);
      const parts = Object.fromEntries(Object.entries(module.templateFiles).map(([part, file]) => [part, read(root, type, locale, file)]));
      return [name, module.fromFiles ? module.fromFiles(parts) : parts];
    }))] as const);
    return [type, Object.fromEntries(byLocale)] as const;
  });
  return Object.fromEntries(entries) as TemplateLibrary;
}

/**
 * The shipped default templates (`templates/<type>/<locale>/…`), read from disk once on first use
 * and cached for the life of the process. This is the only code that reads `templates/`.
 */
export function defaultTemplates(): TemplateLibrary {
  cached ??= readTemplateLibrary(findTemplatesRoot());
  return cached;
}

/** The default templates of one communication type × locale: one per channel. */
export function defaultTemplate(type: CommunicationType, locale: SupportedLocale): MessageTemplateSources {
  // A communication type is read for every channel (readTemplateLibrary), so none is missing.
  return defaultTemplates()[type][locale] as MessageTemplateSources;
}

/** The default template of any type on one channel; throws for a channel the type does not exist on. */
export function defaultChannelTemplate<C extends Channel>(type: TemplateType, channel: C, locale: SupportedLocale): MessageTemplateSources[C] {
  const template = defaultTemplates()[type][locale][channel];
  if (template === undefined) throw new Error(`no ${channel} template of type ${type}: it exists only for ${templateChannels(type).join(', ')}`);
  return template as MessageTemplateSources[C];
}
