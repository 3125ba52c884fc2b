import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../src/domain';
import type { SettingsStore, StoredSettings } from '../../src/ports/settings-store';

/**
 * In-memory {@link SettingsStore}: the defaults (with an ETag) until a document is saved; `replace`
 * saves only when `ifMatch` is the current ETag, and every save gets a new one.
 */
export class FakeSettingsStore implements SettingsStore {
  private document: { json: string; etag: string; updatedAt: string | null; updatedBy: string | null };
  private etags = 0;
  /** Successful saves, in order. */
  readonly saves: Settings[] = [];

  constructor(initial?: Settings) {
    this.document = { json: JSON.stringify(initial ?? DEFAULT_SETTINGS), etag: this.nextEtag(), updatedAt: null, updatedBy: null };
  }

  async get(): Promise<StoredSettings> {
    const { json, etag, updatedAt, updatedBy } = this.document;
    return { settings: settingsSchema.parse(JSON.parse(json)), etag, updatedAt, updatedBy };
  }

  async replace(settings: Settings, ifMatch: string, audit: { at: Date; by: string | null }): Promise<{ ok: true; stored: StoredSettings } | { ok: false; reason: 'conflict' }> {
    if (ifMatch !== this.document.etag) return { ok: false, reason: 'conflict' };
    this.document = { json: JSON.stringify(settings), etag: this.nextEtag(), updatedAt: audit.at.toISOString(), updatedBy: audit.by };
    this.saves.push(settings);
    return { ok: true, stored: await this.get() };
  }

  private nextEtag(): string {
    this.etags += 1;
    return `W/"settings-${this.etags}"`;
  }
}
