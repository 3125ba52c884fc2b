import type { Activities } from '../activities';

/** Names of orchestrations, activities and events: declared once, typed, used by wiring and code. */
export const ORCHESTRATION = {
  meeting: 'MeetingOrchestrator',
  settingsBroadcast: 'SettingsBroadcast',
  prompt: 'PromptOrchestrator',
  webhookDelivery: 'WebhookDelivery',
  deflection: 'DeflectionOrchestrator',
  call: 'CallOrchestrator',
} as const;

/** The registered name of every activity of `createActivities`, by its key there. */
export const ACTIVITY = {
  planStep: 'PlanMeetingStep',
  send: 'SendCommunication',
  recordFailure: 'RecordSendFailure',
  syncOnline: 'SyncOnlineMeeting',
  notifyScheduled: 'NotifyScheduledMeetings',
  answerPrompt: 'AnswerPrompt',
  closePrompt: 'ClosePrompt',
  deliverWebhook: 'DeliverWebhook',
  sendDeflection: 'SendDeflection',
  advanceCall: 'AdvanceCall',
  redialCall: 'RedialCall',
} as const satisfies Record<keyof Activities, string>;

export const EVENT = {
  meetingChanged: 'MeetingChanged',
  promptReply: 'PromptReply',
  callEvent: 'CallEvent',
} as const;

/** One orchestration per meeting; its instance ID derives from the meeting ID. */
export const meetingInstanceId = (meetingId: string): string => `meeting:${meetingId}`;

/** One orchestration per prompt; its instance ID derives from the prompt ID (itself from the send key). */
export const promptInstanceId = (promptId: string): string => promptId;

/** One orchestration per deflection and channel (its WhatsApp message, its SMS fallback). */
export const deflectionInstanceId = (ref: { readonly deflectionId: string; readonly channel: string }): string => `deflection:${ref.deflectionId}:${ref.channel}`;

/** One orchestration per delivery (event × subscription): its instance ID derives from both. */
export const deliveryInstanceId = (d: { readonly eventId: string; readonly subscriptionId: string }): string => `webhook:${d.subscriptionId}:${d.eventId}`;

/** One orchestration per reminder call; its instance ID derives from the call ID (itself from the send key). */
export const callInstanceId = (callId: string): string => `call:${callId}`;
