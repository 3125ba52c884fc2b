import type { Channel } from '../communication';

/** GetMeeting's flag for a channel's reminder: `reminderEmailSent`, `reminderSmsSent`, … (API.md). */
export function reminderFlagName(channel: Channel): string {
  return `reminder${channel.charAt(0).toUpperCase()}${channel.slice(1)}Sent`;
}
