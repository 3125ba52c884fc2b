import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { z } from 'zod';
import { normaliseMeeting, type FieldError, type Meeting } from '../domain';
import { channelModule } from '../channels/registry';
import { parseWith } from '../domain/zod-errors';
import { previewTemplate } from '../app/preview-template';
import { sendTestMessage } from '../app/send-test-message';
import { checkTemplate, type TemplateFieldError, type TemplateRef } from '../app/template-input';
import { absentIfNull, previewRequestSchema } from '../app/template-schemas';
import type { ChannelTemplate } from '../ports/template-store';
import { requireAdmin } from './auth';
import { guardAll, type HandlerEnv } from './handler-env';
import { problem } from './problem';
import { testSendLimiter, tooManyRequests } from './rate-limit';
import { readJson } from './read-json';
import { channelProblem, invalidTemplate, jsonOk, MAX_TEMPLATE_BODY_BYTES } from './template-request';

/**
 * The documented preview body (the connector is generated from it), with `meeting` and `template`
 * taken as they come: they are checked in depth below (normaliseMeeting, checkTemplate), so their
 * errors name the exact field, line and column.
 */
const previewSchema = previewRequestSchema.extend({
  meeting: absentIfNull(z.record(z.string(), z.unknown())),
  template: absentIfNull(z.unknown()),
});


interface PreviewInput { ref: TemplateRef; meeting: Meeting | undefined; template: ChannelTemplate<TemplateRef['channel']> | undefined; sendTo: string | undefined }

const prefixed = (prefix: string, errors: readonly FieldError[]): FieldError[] => errors.map((e) => ({ ...e, path: e.path === '' ? prefix : `${prefix}.${e.path}` }));

/** Parses and checks the whole body, collecting every problem: `meeting.<field>`, `template.<part>`, `sendTo`. */
function parseInput(body: unknown): { ok: true; value: PreviewInput } | { ok: false; errors: TemplateFieldError[] } {
  const parsed = parseWith(previewSchema, body);
  if (!parsed.ok) return { ok: false, errors: [...parsed.errors] };
  const { type, channel, locale, meeting, template, sendTo } = parsed.value;
  const ref: TemplateRef = { type, channel, locale };
  const wrongChannel = channelProblem(type, channel);
  // A reply type on email: there is no such template to check the draft against or to send.
  if (wrongChannel !== undefined) return { ok: false, errors: [{ path: 'channel', message: wrongChannel }] };
  const errors: TemplateFieldError[] = [];
  // A preview needs no meeting ID; one is supplied so the ScheduleMeeting body can be pasted as it is.
  const normalised = meeting === undefined ? undefined : normaliseMeeting({ meetingId: 'PREVIEW', ...meeting }, { defaultLocale: locale });
  if (normalised && !normalised.ok) errors.push(...prefixed('meeting', normalised.errors));
  const checked = template === undefined ? undefined : checkTemplate(ref, template, 'template');
  if (checked && !checked.ok) errors.push(...checked.errors);
  let to: string | undefined;
  if (sendTo !== undefined) {
    const module = channelModule(channel);
    const recipient = module.parseTestRecipient(sendTo);
    // A number the channel will not send to (an SMS to a landline) is the admin's to correct now: a
    // 400 naming sendTo says so before anything is rendered, rather than a test send that fails.
    const refused = recipient.ok ? module.recipientProblem?.(recipient.value) : undefined;
    if (!recipient.ok) errors.push({ path: 'sendTo', message: recipient.errors[0] ?? 'is not a valid recipient' });
    else if (refused !== undefined) errors.push({ path: 'sendTo', message: `cannot be sent to by ${module.label}: ${refused}` });
    else to = recipient.value;
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { ref, meeting: normalised?.ok ? normalised.value : undefined, template: checked?.ok ? checked.value : undefined, sendTo: to } };
}

/**
 * POST /api/templates/preview — renders a template with a given meeting (a ScheduleMeeting body) or
 * the locale's sample, using unsaved sources (`template`) or the template in force. Answers
 * `{ subject, text, html, sms }` (email: `sms` null; SMS: `subject`/`html` null and
 * `sms: { encoding, segments, characters }`). With `sendTo`, also sends it as a test message
 * (`testSend`), rate-limited per admin and overall (429 with Retry-After). Stores nothing.
 */
export function previewHandler(env: HandlerEnv): (req: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit> {
  const limiter = testSendLimiter();
  return guardAll({ preview: (req: HttpRequest, context: InvocationContext) => preview(env, limiter, req, context) }).preview;
}

async function preview(env: HandlerEnv, limiter: ReturnType<typeof testSendLimiter>, req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const deps = env.deps();
  const admin = await requireAdmin(req, deps);
  if (!admin.ok) return admin.response;
  const body = await readJson(req, MAX_TEMPLATE_BODY_BYTES);
  if (!body.ok) return body.response;
  const input = parseInput(body.value);
  if (!input.ok) return problem(400, 'Invalid preview request', 'One or more fields are invalid; nothing was rendered or sent.', input.errors);
  const { ref, meeting, template, sendTo } = input.value;
  const preview = await previewTemplate(deps, { ref, meeting, template });
  if (!preview.ok) {
    if (template !== undefined) return invalidTemplate(preview.errors, 'The template cannot render with this meeting; nothing was sent.');
    return problem(422, 'Template cannot render', 'The template in force cannot render with this meeting; nothing was sent.', [...preview.errors]);
  }
  if (sendTo === undefined) return jsonOk(preview.value.preview);
  const allowed = limiter.take(admin.by);
  if (!allowed.ok) return tooManyRequests(allowed.retryAfterSeconds);
  // The workflow only for a channel that runs after its send (a voice test call's orchestration).
  const testSend = await sendTestMessage(deps, ref.channel, preview.value.content, sendTo, admin.by, () => env.workflow(context));
  return jsonOk({ ...preview.value.preview, testSend });
}
