/**
 * The pure domain of Meeting Communications: meetings, settings, the schedule policy, templates,
 * deep links, SMS encoding and reply keywords. No I/O, no clock, no randomness: `now` and random bytes
 * are arguments. Expected outcomes are `Result` values.
 */
export { ok, fail, type FieldError, type Result } from './result';
export {
  COMMUNICATION_TYPES, REPLY_TYPES, TEMPLATE_TYPES, CHANNELS, communicationTypeSchema, templateTypeSchema, channelSchema, isReplyType, templateChannels,
  carriesCancelLink, takesReplies, type CommunicationType, type ReplyType, type TemplateType, type Channel,
} from './communication';
export { SUPPORTED_LOCALES, LOCALE_NAMES, supportedLocaleSchema, resolveLocale, isSupportedLocale, localeLanguage, type SupportedLocale } from './locale';
export { isValidTimeZone, canonicalTimeZone } from './time-zone';

export {
  scheduleMeetingBodySchema, meetingSchema, meetingRecordSchema, meetingStatusSchema, cancellationSchema, cancellationSourceSchema,
  type ScheduleMeetingBody, type Meeting, type MeetingRecord, type MeetingStatus, type Cancellation, type CancellationSource,
} from './meeting/meeting-schema';
export { normaliseMeeting, type NormaliseMeetingOptions } from './meeting/normalise-meeting';
export { normalisePhone, formatPhoneForDisplay } from './meeting/phone';
export { teamsWork, teamsLinkPendingUntil, teamsRetryAt, withTeamsLink, teamsMeetingStateSchema, TEAMS_RETRY, type TeamsMeetingState, type TeamsWork } from './meeting/teams-meeting';
export { compareMeetings, VERSIONED_FIELDS, CONTENT_FIELDS, type MeetingChange, type ComparedField } from './meeting/meeting-changes';
export { transitionStatus, cancelMeetingRecord, type StatusError, type CancelRequest } from './meeting/meeting-status';

export { settingsSchema, DEFAULT_SETTINGS, localTimeOfDaySchema, type Settings, type LateBookingRule } from './settings/settings-schema';
export { parseSettings, patchSettings, NULLABLE_SETTINGS_PATHS } from './settings/update-settings';
export { ANSWER_INTENTS, MAX_KEYWORDS_PER_INTENT, repliesSettingsSchema, defaultRepliesSettings, type RepliesSettings } from './settings/replies-settings';
export { applyMergePatch, type JsonValue, type MergePatchOptions } from './settings/merge-patch';

export { sendKey, parseSendKey, type SendKeyParts } from './schedule/send-key';
export { resolveWallTime, type WallTime, type WallTimeAdjustment, type ResolvedWallTime } from './schedule/local-time';
export { reminderDueAt, type ReminderTimeInput, type ReminderTime } from './schedule/reminder-time';
export { planCommunications, nextWakeUp } from './schedule/plan-communications';
export { quietHoursRelease, type QuietWindow } from './schedule/quiet-hours';
export { quietHoursSettingsSchema, defaultQuietHoursSettings, type QuietHoursSettings } from './settings/quiet-hours-settings';
export { PLAN_REASONS, quietHoursHoldReason, quietHoursSkipReason, type PlanStatus, type PlannedCommunication, type CommunicationPlan, type PlanInput } from './schedule/plan-types';

export { MERGE_FIELDS, MERGE_FIELD_NAMES, isMergeField, type MergeFieldName, type MergeFieldSpec, type MergeContext } from './templates/merge-fields';
export { buildMeetinglessContext, buildMergeContext, MEETINGLESS_FIELDS, type MeetinglessContext, type MergeContextInput } from './templates/merge-context';
export { formatMeetingTime, formatDuration, type FormattedMeetingTime } from './templates/format-meeting-time';
export { compileTemplate, compileEmailTemplate, compileSmsTemplate, validateTemplate } from './templates/compile-template';
export { renderTemplate, renderEmail, renderSms } from './templates/render-message';
export { SAMPLE_MEETINGS, SAMPLE_ORGANISATION, onlineSampleMeeting, minimalSampleMeeting, sampleChoices } from './templates/sample-meeting';
export { formatMeetingChoices } from './templates/meeting-choices';
export {
  type EmailTemplateSource, type SmsTemplateSource, type MessageTemplateSources, type TemplateLibrary, type TemplatePart,
  type RenderMode, type TemplateIssue, type CompiledTemplate, type CompiledEmailTemplate, type CompiledSmsTemplate, type RenderedEmail, type RenderedSms,
} from './templates/template-types';

export { smsEncodingInfo, isGsm7, type SmsEncodingInfo } from './sms/sms-encoding';
export { newLinkToken, sendLinkToken, hashLinkToken, hashesEqual, verifyLinkToken, isLinkTokenFormat, LINK_TOKEN_MIN_BYTES, LINK_TOKEN_MAX_BYTES } from './links/link-token';
export { buildCancelLink, checkCancelUrlTemplate, checkPublicBaseUrl, type CancelLinkInput } from './links/cancel-link';
export { API_ROUTE_PREFIX, LINK_ROUTE_SEGMENT, LINK_PAGE_ROUTE, LINK_CANCEL_ROUTE, linkPageUrl, maskLinkTokens } from './links/link-route';
export { classifyReply, normaliseReply, type ExtraKeywords } from './replies/classify-reply';
export { hintWords, replyHint, replyHintFor } from './replies/reply-hint';
export { type ReplyIntent } from './replies/reply-keywords';
export { applyOptOutEvent, type OptOutEvent, type OptOutSource, type OptOutState, type OptOutTransition } from './replies/opt-out-state';
export { HELP_ANSWER_INTERVAL_MS, helpAnsweredRecently, helpSubjectId, type HelpAnswerEntry } from './replies/help-answer';
export { ANSWER_OUTCOMES, PROMPT_OUTCOMES, attendanceOf, choiceIn, decideReply, promptClosesAt, promptIdFor, type Attendance, type PromptOutcome, type ReplyDecision } from './replies/prompt';
export { type AnswerIntent } from './replies/reply-keywords';
export { parseSendRates, rateFor, linesFor, DEFAULT_SEND_RATES, PACED_CHANNELS, LIMITED_CHANNELS, MAX_LINES, type SendRates, type PacedChannel, type LimitedChannel } from './pacing/send-rates';
export { acquireLine, releaseLine, liveLeases, NO_LEASES, LINE_LEASE_MS, LINE_RETRY_MS, type LineLeases, type LineGrant } from './pacing/lines';
export { reserveSlot, holdPacer, laneOf, slotIntervalMs, URGENT_SHARE, URGENT_EVERY, IDLE_PACER, type PacerState, type PacingLane } from './pacing/slot';
export { voiceSettingsSchema, defaultVoiceSettings, voiceFor, activeMenu, MENU_KEYS, MENU_ACTIONS, DEFAULT_VOICES, type VoiceSettings, type MenuKey, type MenuAction } from './settings/voice-settings';
export { advanceCall, initialCallState, CALL_OUTCOMES, ANSWERED_OUTCOMES, RETRIED_OUTCOMES, MAX_PLAYS, type CallState, type CallOutcome, type CallEffect, type MachineEvent, type Closing } from './voice/call-machine';
export { callIdFor, operationContext, parseOperationContext } from './voice/call-context';
export { askText, closingText, menuPrompt } from './voice/voice-phrases';
export { spokenStart } from './templates/spoken-time';
