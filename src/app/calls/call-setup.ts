import { activeMenu, resolveLocale, voiceFor, type MeetingRecord, type Settings, type SupportedLocale } from '../../domain';
import type { MenuAction, MenuKey } from '../../domain/settings/voice-settings';
import type { StoredCall } from '../../ports/calls';
import type { AppDeps } from '../deps';

/** What a call speaks in and offers, read when it needs them (settings in force, the meeting as it is now). */
export interface CallSetup {
  readonly locale: SupportedLocale;
  readonly voice: string;
  readonly menu: ReadonlyArray<readonly [MenuKey, MenuAction]>;
  readonly connectTo: string | null;
  /** The meeting it is about (absent for a test call or a meeting gone). */
  readonly record?: MeetingRecord;
}

/**
 * The call's language (its contact's locale, else the default), voice (`voice.voices`) and menu
 * (`voice.menu`; `connect` only with `voice.connectTo`). A cancellation notice, or a call about no
 * meeting, offers no confirm or cancel: there is nothing left to confirm.
 */
export async function callSetup(deps: Pick<AppDeps, 'meetings'>, call: StoredCall, settings: Settings): Promise<CallSetup> {
  const record = call.about.kind === 'meeting' ? (await deps.meetings.get(call.about.id))?.record : undefined;
  const locale = resolveLocale(record?.contact.locale, settings.defaultLocale);
  const menu = activeMenu(settings.voice);
  const answerable = record !== undefined && call.type !== 'cancellation';
  return {
    locale, voice: voiceFor(settings.voice, locale), connectTo: settings.voice.connectTo,
    menu: answerable ? menu : menu.filter(([, action]) => action !== 'confirm' && action !== 'cancel'),
    ...(record ? { record } : {}),
  };
}
