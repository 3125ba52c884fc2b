import { parseSettings, patchSettings, type FieldError, type Settings } from '../domain';
import type { MeetingWorkflow } from '../ports/meeting-workflow';
import type { StoredSettings } from '../ports/settings-store';
import type { AppDeps } from './deps';
import { endOpenPrompts } from './replies/end-prompts';

export type UpdateSettingsDeps = Pick<AppDeps, 'settings' | 'prompts' | 'clock' | 'log'>;

export type SettingsOutcome =
  | { readonly kind: 'saved'; readonly stored: StoredSettings }
  | { readonly kind: 'invalid'; readonly errors: readonly FieldError[] }
  | { readonly kind: 'stale' };

/**
 * PUT (replace) or PATCH (RFC 7396 merge patch) of the settings, conditional on the ETag the admin
 * read. A saved change reaches every meeting still pending: a broadcast tells each to re-plan.
 * Turning replies off ends every open prompt (`superseded`), so no later reply answers one.
 */
export async function updateSettings(deps: UpdateSettingsDeps, workflow: MeetingWorkflow, request: { mode: 'put' | 'patch'; body: unknown; ifMatch: string; by: string | null }): Promise<SettingsOutcome> {
  const current = await deps.settings.get();
  if (current.etag !== request.ifMatch) return { kind: 'stale' };
  const parsed = request.mode === 'put' ? parseSettings(request.body) : patchSettings(current.settings, request.body);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const settings: Settings = parsed.value;
  const saved = await deps.settings.replace(settings, request.ifMatch, { at: deps.clock.now(), by: request.by });
  if (!saved.ok) return { kind: 'stale' };
  deps.log.info(`settings updated (etag ${saved.stored.etag})`);
  await workflow.broadcastSettingsChanged(saved.stored.etag);
  if (current.settings.replies.enabled && !settings.replies.enabled) {
    // Saved already: a failure here must not make the admin's change look refused. Replies are not
    // taken as answers anyway once the setting is off (handleReply), and each prompt's timer ends it.
    try {
      await endOpenPrompts(deps, workflow, saved.stored.updatedAt ?? deps.clock.now().toISOString());
    } catch (err) {
      deps.log.warn(`settings ${saved.stored.etag}: open prompts not all ended (${err instanceof Error ? err.name : 'error'}); their timers will`);
    }
  }
  return { kind: 'saved', stored: saved.stored };
}
