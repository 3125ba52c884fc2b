import type { Channel, TemplateType, SupportedLocale } from '../../src/domain';
import { TEMPLATE_HISTORY_LIMIT, type ChannelTemplate, type TemplateStore, type TemplateVersion } from '../../src/ports/template-store';

interface Slot {
  current: TemplateVersion | undefined;
  history: TemplateVersion[];
  lastVersion: number;
}

/** In-memory {@link TemplateStore}: versions 1, 2, 3… per slot, never reused; the newest ten kept. */
export class FakeTemplateStore implements TemplateStore {
  private readonly slots = new Map<string, Slot>();

  async get<C extends Channel>(type: TemplateType, channel: C, locale: SupportedLocale): Promise<TemplateVersion<C> | undefined> {
    return this.slots.get(slotKey(type, channel, locale))?.current as TemplateVersion<C> | undefined;
  }

  async put<C extends Channel>(type: TemplateType, channel: C, locale: SupportedLocale, template: ChannelTemplate<C>, audit: { at: Date; by: string }): Promise<TemplateVersion<C>> {
    const slot = this.slot(slotKey(type, channel, locale));
    slot.lastVersion += 1;
    const saved: TemplateVersion<C> = { version: slot.lastVersion, savedAt: audit.at.toISOString(), savedBy: audit.by, template };
    slot.current = saved;
    slot.history = [saved, ...slot.history].slice(0, TEMPLATE_HISTORY_LIMIT);
    return saved;
  }

  async delete(type: TemplateType, channel: Channel, locale: SupportedLocale): Promise<boolean> {
    const slot = this.slots.get(slotKey(type, channel, locale));
    const had = slot?.current !== undefined;
    if (slot) slot.current = undefined;
    return had;
  }

  async history<C extends Channel>(type: TemplateType, channel: C, locale: SupportedLocale): Promise<TemplateVersion<C>[]> {
    return [...(this.slots.get(slotKey(type, channel, locale))?.history ?? [])] as TemplateVersion<C>[];
  }

  private slot(key: string): Slot {
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { current: undefined, history: [], lastVersion: 0 };
      this.slots.set(key, slot);
    }
    return slot;
  }
}

const slotKey = (type: TemplateType, channel: Channel, locale: SupportedLocale): string => `${type}|${channel}|${locale}`;
