import type { Channel, TemplateType, MessageTemplateSources, SupportedLocale } from '../domain';

/** The Liquid sources of one channel: email `{ subject, html, text }`, SMS `{ text }`. */
export type ChannelTemplate<C extends Channel> = MessageTemplateSources[C];

/** One saved version of an admin's template override. */
export interface TemplateVersion<C extends Channel = Channel> {
  /** 1, 2, 3… per type × channel × locale; never reused, also after a reset to the default. */
  readonly version: number;
  /** ISO 8601 instant of the save. */
  readonly savedAt: string;
  /** Who saved it: the admin token's subject, or `api-key`. */
  readonly savedBy: string;
  readonly template: ChannelTemplate<C>;
}

/** How many versions of one template the store keeps (the newest ones). */
export const TEMPLATE_HISTORY_LIMIT = 10;

/**
 * Admins' template overrides per type × channel × locale, with their recent versions. The shipped
 * defaults are not stored here: no override means the default is in force.
 */
export interface TemplateStore {
  /** The override in force, or undefined when the shipped default applies. */
  get<C extends Channel>(type: TemplateType, channel: C, locale: SupportedLocale): Promise<TemplateVersion<C> | undefined>;
  /**
   * Saves a new version and makes it the override in force; keeps the newest
   * {@link TEMPLATE_HISTORY_LIMIT} versions. Concurrent saves get distinct version numbers.
   */
  put<C extends Channel>(type: TemplateType, channel: C, locale: SupportedLocale, template: ChannelTemplate<C>, audit: { at: Date; by: string }): Promise<TemplateVersion<C>>;
  /** Goes back to the shipped default (the history stays). True when an override was removed. */
  delete(type: TemplateType, channel: Channel, locale: SupportedLocale): Promise<boolean>;
  /** The kept versions, newest first (at most {@link TEMPLATE_HISTORY_LIMIT}). */
  history<C extends Channel>(type: TemplateType, channel: C, locale: SupportedLocale): Promise<TemplateVersion<C>[]>;
}
