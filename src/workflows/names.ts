import type { Activities } from '../activities';

/** Names of orchestrations, activities and events: declared once, typed, used by wiring and code. */
export const ORCHESTRATION = {
  meeting: 'MeetingOrchestrator',
  settingsBroadcast: 'SettingsBroadcast',
} as const;

/** The registered name of every activity of `createActivities`, by its key there. */
export const ACTIVITY = {
  planStep: 'PlanMeetingStep',
  send: 'SendCommunication',
  recordFailure: 'RecordSendFailure',
  notifyScheduled: 'NotifyScheduledMeetings',
} as const satisfies Record<keyof Activities, string>;

export const EVENT = {
  meetingChanged: 'MeetingChanged',
} as const;

/** One orchestration per meeting; its instance ID derives from the meeting ID. */
export const meetingInstanceId = (meetingId: string): string => `meeting:${meetingId}`;
