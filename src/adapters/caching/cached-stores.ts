import type { Channel, Settings, SupportedLocale, TemplateType } from '../../domain';
import type { SettingsStore, StoredSettings } from '../../ports/settings-store';
import type { StoredSubscription, SubscriptionStore } from '../../ports/subscription-store';
import type { ChannelTemplate, TemplateStore, TemplateVersion } from '../../ports/template-store';
import { RecentCache } from './recent-cache';

/**
 * The settings document, read at most once a second per instance (every plan and send asks for it).
 * A save through this instance is seen at once; another instance's within a second. A save still
 * needs the current ETag in storage, so a stale read can cause a 412, never a lost update.
 */
export function recentSettings(store: SettingsStore, cache = new RecentCache<'settings', StoredSettings>()): SettingsStore {
  return {
    get: () => cache.get('settings', () => store.get()),
    async replace(settings: Settings, ifMatch: string, audit) {
      const result = await store.replace(settings, ifMatch, audit);
      if (result.ok) cache.set('settings', result.stored);
      else cache.forget();
      return result;
    },
  };
}

/** Template overrides, each read at most once a second per instance; a save or reset here is seen at once. */
export function recentTemplates(store: TemplateStore, cache = new RecentCache<string, TemplateVersion | undefined>()): TemplateStore {
  const key = (type: TemplateType, channel: Channel, locale: SupportedLocale): string => `${type}/${channel}/${locale}`;
  return {
    get: <C extends Channel>(type: TemplateType, channel: C, locale: SupportedLocale) =>
      cache.get(key(type, channel, locale), () => store.get(type, channel, locale)) as Promise<TemplateVersion<C> | undefined>,
    async put<C extends Channel>(type: TemplateType, channel: C, locale: SupportedLocale, template: ChannelTemplate<C>, audit: { at: Date; by: string }) {
      try {
        const saved = await store.put(type, channel, locale, template, audit);
        cache.set(key(type, channel, locale), saved as TemplateVersion);
        return saved;
      } catch (error) {
        cache.forget(key(type, channel, locale));
        throw error;
      }
    },
    async delete(type, channel, locale) {
      try {
        return await store.delete(type, channel, locale);
      } finally {
        cache.forget(key(type, channel, locale));
      }
    },
    history: (type, channel, locale) => store.history(type, channel, locale),
  };
}

/**
 * The subscription list, read at most once a second per instance (each domain event asks which
 * subscriptions want it). One created or deleted here is seen at once; through another instance,
 * events of the next second may miss it (or still reach it: its delivery then finds it gone).
 */
export function recentSubscriptions(store: SubscriptionStore, cache = new RecentCache<'all', StoredSubscription[]>()): SubscriptionStore {
  return {
    async create(subscription) {
      try {
        await store.create(subscription);
      } finally {
        cache.forget();
      }
    },
    get: (id) => store.get(id),
    list: async () => [...(await cache.get('all', () => store.list()))],
    async delete(id) {
      try {
        return await store.delete(id);
      } finally {
        cache.forget();
      }
    },
  };
}
