import { z } from 'zod';
import { CHANNELS, COMMUNICATION_TYPES, PROMPT_OUTCOMES, cancellationSchema, cancellationSourceSchema, meetingSchema, meetingStatusSchema, settingsSchema } from '../../src/domain';

/**
 * Shapes of the JSON the handlers answer with, for the connector's response schemas. The handlers
 * build these bodies inline; test/contract/connector.test.ts checks the types against theirs.
 */

/** 202 of ScheduleMeeting / UpdateMeeting. */
export const meetingAcceptedSchema = z.object({ meetingId: z.string(), status: meetingStatusSchema, version: z.number().int().min(1) });

/** One communication of GetMeeting (src/app/meeting-view.ts `CommunicationView`). */
export const communicationViewSchema = z.object({
  type: z.enum(COMMUNICATION_TYPES),
  channel: z.enum(CHANNELS),
  version: z.number().int().min(1),
  status: z.enum(['planned', 'skipped', 'sent', 'delivered', 'failed']),
  plannedFor: z.iso.datetime().nullable(),
  sentAt: z.iso.datetime().nullable(),
  reason: z.string().nullable(),
  outcome: z.string().optional(),
  attempt: z.number().int().min(1).optional(),
  retryAt: z.iso.datetime().nullable().optional(),
});

/** 200 of GetMeeting: the stored meeting, its state, and every communication sent or to come. */
export const meetingViewSchema = meetingSchema.extend({
  status: meetingStatusSchema,
  version: z.number().int().min(1),
  cancellation: cancellationSchema.nullable(),
  reminderEmailSent: z.boolean(),
  reminderSmsSent: z.boolean(),
  reminderVoiceSent: z.boolean(),
  attendance: z.enum(['unknown', 'confirmed', 'declined', 'rescheduleRequested']),
  cancelledBy: cancellationSourceSchema.optional(),
  replies: z.array(z.object({ receivedAt: z.iso.datetime(), channel: z.literal('sms'), intent: z.string(), outcome: z.string() })),
  prompts: z.array(z.object({ channel: z.literal('sms'), sendKey: z.string(), openedAt: z.iso.datetime(), closesAt: z.iso.datetime(), outcome: z.enum(PROMPT_OUTCOMES) })),
  communications: z.array(communicationViewSchema),
});

/** 200 of CancelMeeting. */
export const cancelResultSchema = z.object({ meetingId: z.string(), status: z.literal('cancelled') });

/** 200 of the settings routes: the document and who changed it last (null until first saved). */
export const settingsDocumentSchema = settingsSchema.extend({ updatedAt: z.iso.datetime().nullable(), updatedBy: z.string().nullable() });

/** 200 of GetOptOut / UpdateOptOut (src/app/opt-outs.ts `OptOutView`). */
export const optOutViewSchema = z.object({
  phone: z.string(),
  sms: z.object({ optedOut: z.boolean(), since: z.iso.datetime().nullable(), source: z.enum(['reply', 'admin']).nullable() }),
});

/** 200 of ListReplies (src/ports/reply-store.ts `StoredReply`). */
export const replyListSchema = z.object({
  replies: z.array(z.object({ replyId: z.string(), receivedAt: z.iso.datetime(), channel: z.literal('sms'), from: z.string(), to: z.string(), text: z.string() })),
});

/** 200 of GetHealth. */
export const healthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  providers: z.object({ email: z.enum(['acs', 'outbox', 'none']), sms: z.enum(['acs', 'outbox', 'none']), whatsapp: z.enum(['acs', 'outbox', 'none']), voice: z.enum(['acs', 'outbox', 'none']) }),
});

/** Every 4xx/5xx body (`application/problem+json`, RFC 9457), see src/http/problem.ts. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(z.object({
    path: z.string(),
    message: z.string(),
    line: z.number().int().optional(),
    column: z.number().int().optional(),
    field: z.string().optional(),
  })).optional(),
});
