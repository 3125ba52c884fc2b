import { CHANNEL_MODULES, channelModule, type Channel } from '../channels/registry';
import type { ContactAddresses } from '../channels/channel-module';
import { createHash } from 'node:crypto';
import type { MeetingWorkflow } from '../ports/meeting-workflow';
import type { AppDeps } from './deps';
import { publishContactEvent, type PublishDeps } from './events/publish-events';

/**
 * Channels a number's opt-out covers: those customers answer in text (SMS, WhatsApp), where STOP is
 * said. API.md: STOP "opts that customer number out of SMS"; a STOP on WhatsApp is recorded the same
 * way, and both honour it (a customer who said STOP on one should not be texted on the other). From
 * the registry (`takesReplies`), so a channel added later follows without an edit here.
 */
export const OPT_OUT_CHANNELS: readonly Channel[] = CHANNEL_MODULES.filter((m) => m.takesReplies).map((m) => m.name);

export type OptOutDeps = Pick<AppDeps, 'optOuts'>;

/** Whether a message on `channel` to `to` (the channel's address, E.164 for SMS) must not be sent. */
export async function isOptedOut(deps: OptOutDeps, channel: Channel, to: string): Promise<boolean> {
  if (!OPT_OUT_CHANNELS.includes(channel)) return false;
  return (await deps.optOuts.get(to))?.optedOut === true;
}

/** The channels the contact's addresses opted out of: what the planner takes as `optedOut`. */
export async function optedOutChannels(deps: OptOutDeps, contact: ContactAddresses): Promise<ReadonlySet<Channel>> {
  // SMS and WhatsApp share the phone number: one read per number, not per channel.
  const byAddress = new Map<string, Channel[]>();
  for (const channel of OPT_OUT_CHANNELS) {
    const to = channelModule(channel).address(contact);
    if (to !== null) byAddress.set(to, [...(byAddress.get(to) ?? []), channel]);
  }
  const checks = await Promise.all([...byAddress].map(async ([to, channels]) => ((await deps.optOuts.get(to))?.optedOut === true ? channels : [])));
  return new Set(checks.flat());
}

/** A number's SMS opt-out as the admin API shows it (API.md `GET /api/optouts/{phone}`). */
export interface OptOutView {
  readonly phone: string;
  readonly sms: { readonly optedOut: boolean; readonly since: string | null; readonly source: 'reply' | 'admin' | null };
}

const viewOf = (phone: string, state: { optedOut: boolean; since: string | null; source: 'reply' | 'admin' | null } | undefined): OptOutView => ({
  phone,
  sms: { optedOut: state?.optedOut ?? false, since: state?.since ?? null, source: state?.source ?? null },
});

/** The opt-out state of an E.164 number; one nothing was recorded for is opted in. */
export async function optOutView(deps: OptOutDeps, phone: string): Promise<OptOutView> {
  return viewOf(phone, await deps.optOuts.get(phone));
}

/**
 * An opt-out the customer asked for by phone, recorded by an admin (`by`: for the log, never the
 * number). It is timed now, or just after the newest event stored when that is later (a provider
 * clock ahead of ours), so the admin's request always takes effect. A repeat changes nothing.
 */
export async function recordAdminOptOut(deps: OptOutDeps & PublishDeps & Pick<AppDeps, 'meetings' | 'log'>, workflow: MeetingWorkflow, phone: string, by: string): Promise<OptOutView> {
  const current = await deps.optOuts.get(phone);
  const now = deps.clock.now().getTime();
  const at = new Date(current === undefined || current.optedOut ? now : Math.max(now, Date.parse(current.updatedAt) + 1));
  const { changed, state } = await deps.optOuts.optOut(phone, { source: 'admin', at });
  deps.log.info(`SMS opt-out ${changed ? 'recorded' : 'already recorded'} by ${by}`);
  // The cause names the opt-out by a hash of the number and its time: the event log never holds the number.
  if (changed) await publishContactEvent(deps, workflow, 'contact.optedOut', { cause: `admin|${createHash('sha256').update(phone).digest('hex')}|${state.since ?? at.toISOString()}`, source: 'admin', at: at.toISOString() });
  return viewOf(phone, state);
}
