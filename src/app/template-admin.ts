import type { Channel } from '../domain';
import type { ChannelTemplate, TemplateVersion } from '../ports/template-store';
import type { AppDeps } from './deps';

export type TemplateAdminDeps = Pick<AppDeps, 'templateStore' | 'defaultTemplates' | 'clock' | 'log'>;
import { checkTemplate, type TemplateFieldError, type TemplateRef } from './template-input';

/**
 * A template as GET /api/templates/{type}/{channel}/{locale} shows it: the Liquid sources (email
 * `subject`, `text`, `html`; SMS `text`), whether they are the shipped `default` or an admin's
 * `custom` override, and for an override its version, when and by whom it was saved.
 */
export type TemplateView<C extends Channel = Channel> = ChannelTemplate<C> & {
  readonly source: 'default' | 'custom';
  readonly version?: number;
  readonly updatedAt?: string;
  readonly updatedBy?: string;
};

/** One kept version, as GET …/history lists them. */
export type TemplateHistoryEntry<C extends Channel = Channel> = ChannelTemplate<C> & { readonly version: number; readonly savedAt: string; readonly savedBy: string };

export type SaveTemplateOutcome<C extends Channel> =
  | { readonly kind: 'saved'; readonly view: TemplateView<C> }
  | { readonly kind: 'invalid'; readonly errors: readonly TemplateFieldError[] };

const customView = <C extends Channel>(stored: TemplateVersion<C>): TemplateView<C> =>
  ({ ...stored.template, source: 'custom', version: stored.version, updatedAt: stored.savedAt, updatedBy: stored.savedBy });

async function defaultView<C extends Channel>(deps: TemplateAdminDeps, ref: TemplateRef<C>): Promise<TemplateView<C>> {
  const shipped: ChannelTemplate<C> = await deps.defaultTemplates.get(ref.type, ref.channel, ref.locale);
  return { ...shipped, source: 'default' };
}

/** The template an admin sees for one type × channel × locale: the override, else the shipped default. */
export async function templateInForce<C extends Channel>(deps: TemplateAdminDeps, ref: TemplateRef<C>): Promise<TemplateView<C>> {
  const stored = await deps.templateStore.get(ref.type, ref.channel, ref.locale);
  return stored ? customView(stored) : defaultView(deps, ref);
}

/**
 * Saves an admin's template as a new version after validating it (shape, sizes, Liquid syntax,
 * merge fields, a trial render); the next message of that type × channel × locale uses it.
 */
export async function saveTemplate<C extends Channel>(deps: TemplateAdminDeps, ref: TemplateRef<C>, body: unknown, by: string): Promise<SaveTemplateOutcome<C>> {
  const checked = checkTemplate(ref, body);
  if (!checked.ok) return { kind: 'invalid', errors: checked.errors };
  const stored = await deps.templateStore.put(ref.type, ref.channel, ref.locale, checked.value, { at: deps.clock.now(), by });
  deps.log.info(`template ${ref.type}/${ref.channel}/${ref.locale}: version ${stored.version} saved by ${by}`);
  return { kind: 'saved', view: customView(stored) };
}

/** Goes back to the shipped default (the saved versions stay in the history); already default is fine. */
export async function resetTemplate<C extends Channel>(deps: TemplateAdminDeps, ref: TemplateRef<C>, by: string): Promise<TemplateView<C>> {
  const removed = await deps.templateStore.delete(ref.type, ref.channel, ref.locale);
  if (removed) deps.log.info(`template ${ref.type}/${ref.channel}/${ref.locale}: reset to the default by ${by}`);
  return defaultView(deps, ref);
}

/** The kept versions of one template, newest first. */
export async function templateHistory<C extends Channel>(deps: TemplateAdminDeps, ref: TemplateRef<C>): Promise<TemplateHistoryEntry<C>[]> {
  const versions = await deps.templateStore.history(ref.type, ref.channel, ref.locale);
  return versions.map((v) => ({ ...v.template, version: v.version, savedAt: v.savedAt, savedBy: v.savedBy }));
}
