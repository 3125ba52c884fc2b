import type { Channel, TemplateType, MessageTemplateSources, SupportedLocale } from '../../domain';
import { createTemplateCache } from '../../channels/templates';
import type { TemplateSource } from '../../ports/template-source';
import type { ChannelTemplate, TemplateStore } from '../../ports/template-store';
import { defaultChannelTemplate } from './default-templates';
import { CorruptRowError } from '../tables/table-client';

/** Where the source reports an override it had to pass over (IDs only, never template text). */
export interface OverrideSourceLog {
  warn(message: string): void;
}

/**
 * The template in force for one channel: an admin's override from the {@link TemplateStore}, else
 * the shipped default. The store is read through a one-second cache (see recentTemplates), so the
 * next message after a save or a reset uses it on this instance, and within a second on every other. An override that no longer compiles (a merge field removed in
 * a later release) or a corrupt row falls back to the default with a warning rather than stopping
 * every message of that type; storage failures propagate, so the send activity is retried.
 */
export class OverrideTemplateSource implements TemplateSource {
  private readonly compiled = createTemplateCache();

  constructor(
    private readonly store: TemplateStore,
    private readonly log: OverrideSourceLog,
    private readonly defaults: <D extends Channel>(type: TemplateType, channel: D, locale: SupportedLocale) => MessageTemplateSources[D] = defaultChannelTemplate,
  ) {}

  async get<C extends Channel>(type: TemplateType, channel: C, locale: SupportedLocale): Promise<MessageTemplateSources[C]> {
    return (await this.override(type, channel, locale)) ?? this.defaults(type, channel, locale);
  }

  private async override<C extends Channel>(type: TemplateType, channel: C, locale: SupportedLocale): Promise<ChannelTemplate<C> | undefined> {
    const name = `${type}/${channel}/${locale}`;
    let stored;
    try {
      stored = await this.store.get(type, channel, locale);
    } catch (err) {
      if (!(err instanceof CorruptRowError)) throw err;
      this.log.warn(`template ${name}: the stored override is corrupt (${err.paths.join(', ')}); using the default`);
      return undefined;
    }
    if (stored === undefined) return undefined;
    if (this.compiled.compile(channel, stored.template).ok) return stored.template;
    this.log.warn(`template ${name}: override version ${stored.version} no longer compiles; using the default`);
    return undefined;
  }
}
