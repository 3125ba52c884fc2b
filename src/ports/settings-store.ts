import type { Settings } from '../domain';

export interface StoredSettings {
  readonly settings: Settings;
  readonly etag: string;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

/** The one settings document, with ETag concurrency. */
export interface SettingsStore {
  /** The document in force; the defaults (everything off) when none was saved yet. */
  get(): Promise<StoredSettings>;
  /** Saves if `ifMatch` is the current ETag; `conflict` otherwise. */
  replace(settings: Settings, ifMatch: string, audit: { at: Date; by: string | null }): Promise<{ ok: true; stored: StoredSettings } | { ok: false; reason: 'conflict' }>;
}
