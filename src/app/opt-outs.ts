import { channelModule, type Channel } from '../channels/registry';
import type { ContactAddresses } from '../channels/channel-module';
import type { AppDeps } from './deps';

/**
 * Channels a number's opt-out covers. API.md: STOP "opts that customer number out of SMS"; WhatsApp
 * and voice will decide their own rules when they become channels.
 */
export const OPT_OUT_CHANNELS: readonly Channel[] = ['sms'];

export type OptOutDeps = Pick<AppDeps, 'optOuts'>;

/** Whether a message on `channel` to `to` (the channel's address, E.164 for SMS) must not be sent. */
export async function isOptedOut(deps: OptOutDeps, channel: Channel, to: string): Promise<boolean> {
  if (!OPT_OUT_CHANNELS.includes(channel)) return false;
  return (await deps.optOuts.get(to))?.optedOut === true;
}

/** The channels the contact's addresses opted out of: what the planner takes as `optedOut`. */
export async function optedOutChannels(deps: OptOutDeps, contact: ContactAddresses): Promise<ReadonlySet<Channel>> {
  const checks = await Promise.all(OPT_OUT_CHANNELS.map(async (channel) => {
    const to = channelModule(channel).address(contact);
    return to !== null && (await isOptedOut(deps, channel, to)) ? [channel] : [];
  }));
  return new Set(checks.flat());
}
