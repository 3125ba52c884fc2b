import { z } from 'zod';
import { scheduleMeetingBodySchema, settingsSchema } from '../../src/domain';
import { externalCancelSchema, portalCancelSchema } from '../../src/http/meetings';
import { describeSchema, withoutRequired, type FieldTexts } from './field-texts';
import {
  cancelResultSchema, healthSchema, meetingAcceptedSchema, meetingViewSchema, optOutViewSchema, problemSchema, replyListSchema, settingsDocumentSchema,
} from './response-schemas';
import { optOutUpdateSchema } from '../../src/http/optouts';
import { OPT_OUT_FIELDS, OPT_OUT_UPDATE_FIELDS, REPLY_LIST_FIELDS } from './texts-optouts';
import { previewRequestSchema, previewSchema, templateHistorySchema, templateSourcesSchema, templateViewSchema } from '../../src/app/template-schemas';
import { toSwaggerSchema, type Json, type SchemaObject } from './to-swagger-schema';
import {
  CANCEL_REQUEST_FIELDS, CANCEL_RESULT_FIELDS, MEETING_ACCEPTED_FIELDS, MEETING_FIELDS, MEETING_UPDATE_FIELDS, MEETING_VIEW_FIELDS,
} from './texts-meeting';
import {
  PREVIEW_FIELDS, PREVIEW_REQUEST_FIELDS, SETTINGS_DOCUMENT_FIELDS, SETTINGS_FIELDS, TEMPLATE_HISTORY_FIELDS, TEMPLATE_SOURCE_FIELDS, TEMPLATE_VIEW_FIELDS,
} from './texts-admin';
import { HEALTH_FIELDS, PROBLEM_FIELDS } from './texts-common';
import { DEFLECTION_DEFINITIONS } from './deflection-connector';
import { SUBSCRIPTION_DEFINITIONS } from './definitions-events';

/** One entry of the swagger's `definitions`, generated from the zod schema a handler uses. */
export interface Definition {
  readonly schema: z.ZodType;
  /** `input` for request bodies (what a caller may send), `output` for answers. */
  readonly io: 'input' | 'output';
  readonly title: string;
  readonly description: string;
  readonly texts: FieldTexts;
  /** A last adaptation of the Swagger schema (e.g. a merge patch makes every field optional). */
  readonly adapt?: (schema: SchemaObject) => SchemaObject;
}

/** Every definition, in the order the swagger lists them. */
export const DEFINITIONS: Readonly<Record<string, Definition>> = {
  ScheduleMeetingRequest: {
    schema: scheduleMeetingBodySchema, io: 'input', texts: MEETING_FIELDS,
    title: 'Meeting', description: 'A meeting to send confirmation, reminder and cancellation messages for.',
  },
  UpdateMeetingRequest: {
    schema: scheduleMeetingBodySchema.omit({ meetingId: true }), io: 'input', texts: MEETING_UPDATE_FIELDS,
    title: 'Meeting update', description: 'The whole meeting as it is now (the meeting ID comes from the path).',
  },
  MeetingAccepted: {
    schema: meetingAcceptedSchema, io: 'output', texts: MEETING_ACCEPTED_FIELDS,
    title: 'Meeting accepted', description: 'The meeting was stored; its messages are planned.',
  },
  Meeting: {
    schema: meetingViewSchema, io: 'output', texts: MEETING_VIEW_FIELDS,
    title: 'Meeting with communications', description: 'A stored meeting, its status and every message sent or planned for it.',
  },
  CancelMeetingRequest: {
    schema: z.union([externalCancelSchema, portalCancelSchema]), io: 'input', texts: CANCEL_REQUEST_FIELDS,
    title: 'Cancellation', description: 'Either { source: external } for a cancellation made elsewhere, or { contactId } from a portal.',
  },
  CancelMeetingResult: {
    schema: cancelResultSchema, io: 'output', texts: CANCEL_RESULT_FIELDS,
    title: 'Meeting cancelled', description: 'The meeting is cancelled; a repeat gives the same answer.',
  },
  Settings: {
    schema: settingsSchema, io: 'input', texts: SETTINGS_FIELDS,
    title: 'Settings', description: 'What is sent, by which channel, and when. Everything is off by default.',
  },
  SettingsPatch: {
    schema: settingsSchema, io: 'input', texts: SETTINGS_FIELDS, adapt: withoutRequired,
    title: 'Settings change', description: 'Only the settings to change (a JSON merge patch, RFC 7396).',
  },
  SettingsDocument: {
    schema: settingsDocumentSchema, io: 'output', texts: SETTINGS_DOCUMENT_FIELDS,
    title: 'Settings in force', description: 'The settings and who changed them last.',
  },
  TemplatePreviewRequest: {
    schema: previewRequestSchema, io: 'input', texts: PREVIEW_REQUEST_FIELDS,
    title: 'Preview request', description: 'Which template to render, with which meeting, and where to send a test.',
  },
  TemplatePreview: {
    schema: previewSchema, io: 'output', texts: PREVIEW_FIELDS,
    title: 'Preview', description: 'The rendered message, and for SMS its encoding and number of parts.',
  },
  TemplateSources: {
    schema: templateSourcesSchema, io: 'input', texts: TEMPLATE_SOURCE_FIELDS,
    title: 'Template', description: 'Liquid sources: email { subject, text, html }, SMS { text }.',
  },
  Template: {
    schema: templateViewSchema, io: 'output', texts: TEMPLATE_VIEW_FIELDS,
    title: 'Template in force', description: 'The template\'s Liquid sources and whether they are the default or an override.',
  },
  TemplateHistory: {
    schema: templateHistorySchema, io: 'output', texts: TEMPLATE_HISTORY_FIELDS,
    title: 'Template history', description: 'The kept versions of a template.',
  },
  OptOutUpdateRequest: {
    schema: optOutUpdateSchema, io: 'input', texts: OPT_OUT_UPDATE_FIELDS,
    title: 'Opt-out', description: 'Records that the customer asked for no more SMS (only { sms: { optedOut: true } } is accepted).',
  },
  OptOut: {
    schema: optOutViewSchema, io: 'output', texts: OPT_OUT_FIELDS,
    title: 'Opt-out state', description: 'Whether a number receives SMS, and since when and why not.',
  },
  ReplyList: {
    schema: replyListSchema, io: 'output', texts: REPLY_LIST_FIELDS,
    title: 'Replies', description: 'SMS replies no prompt or keyword answered, for staff.',
  },
  Health: {
    schema: healthSchema, io: 'output', texts: HEALTH_FIELDS,
    title: 'Health', description: 'Whether the service runs, and which providers it sends through.',
  },
  ...SUBSCRIPTION_DEFINITIONS,
  ...DEFLECTION_DEFINITIONS,
  Problem: {
    schema: problemSchema, io: 'output', texts: PROBLEM_FIELDS,
    title: 'Problem', description: 'Why a request failed (application/problem+json).',
  },
};

/** A definition's Swagger 2.0 schema: zod → JSON Schema → Swagger 2.0, with every field described. */
export function definitionSchema(name: string): SchemaObject {
  const definition = DEFINITIONS[name];
  if (!definition) throw new Error(`No definition ${name}`);
  const json = z.toJSONSchema(definition.schema, { io: definition.io, target: 'openapi-3.0', unrepresentable: 'any' }) as Json;
  const described = describeSchema(toSwaggerSchema(json, `#/definitions/${name}`), definition.texts, name);
  const adapted = definition.adapt ? definition.adapt(described) : described;
  return { title: definition.title, description: definition.description, ...adapted };
}

/** A path parameter's Swagger form from the zod schema that validates it (type, pattern, enum). */
export function parameterSchema(schema: z.ZodType): SchemaObject {
  return toSwaggerSchema(z.toJSONSchema(schema, { io: 'input', target: 'openapi-3.0', unrepresentable: 'any' }) as Json);
}
