import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  COMMUNICATION_TYPES, SUPPORTED_LOCALES,
  type CommunicationType, type MessageTemplateSources, type SupportedLocale, type TemplateLibrary,
} from '../../domain';
import { CHANNEL_MODULES } from '../../channels/registry';

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

function read(root: string, type: CommunicationType, locale: SupportedLocale, file: string): string {
  // Missing defaults are a packaging bug: fail loudly at first use, naming the file.
  return readFileSync(join(root, type, locale, file), 'utf8');
}

/** Reads every default template from `root` (synchronously). Throws if any file is missing. */
export function readTemplateLibrary(root: string): TemplateLibrary {
  const entries = COMMUNICATION_TYPES.map((type) => {
    const byLocale = SUPPORTED_LOCALES.map((locale): [SupportedLocale, MessageTemplateSources] => [locale, Object.fromEntries(
      CHANNEL_MODULES.map((channel) => [channel.name, Object.fromEntries(Object.entries(channel.templateFiles).map(([part, file]) => [part, read(root, type, locale, file)]))]),
    ) as unknown as MessageTemplateSources]);
    return [type, Object.fromEntries(byLocale) as Record<SupportedLocale, MessageTemplateSources>] as const;
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

/** The default templates of one type × locale. */
export function defaultTemplate(type: CommunicationType, locale: SupportedLocale): MessageTemplateSources {
  return defaultTemplates()[type][locale];
}
