/** Names of orchestrations, activities and events: declared once, typed, used by wiring and code. */
export const ORCHESTRATION = {
  meeting: 'MeetingOrchestrator',
  settingsBroadcast: 'SettingsBroadcast',
} as const;

export const ACTIVITY = {
  planStep: 'PlanMeetingStep',
  send: 'SendCommunication',
  notifyScheduled: 'NotifyScheduledMeetings',
} as const;

export const EVENT = {
  meetingChanged: 'MeetingChanged',
} as const;

/** One orchestration per meeting; its instance ID derives from the meeting ID. */
export const meetingInstanceId = (meetingId: string): string => `meeting:${meetingId}`;
