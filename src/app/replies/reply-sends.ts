import { buildMergeContext, fail, ok, PLAN_REASONS, replyHint, resolveLocale, type Meeting, type Settings, type TemplateType } from '../../domain';
import { createTemplateCache, renderMessage } from '../../channels/templates';
import type { StoredPrompt } from '../../ports/prompt-store';
import type { AppDeps } from '../deps';
import { sendOnce, type SendOnceDeps } from '../dispatch/send-once';
import type { SendOutcome } from '../dispatch/send-outcome';
import { isOptedOut } from '../opt-outs';

export type ReplySendDeps = SendOnceDeps & Pick<AppDeps, 'meetings' | 'templates' | 'config' | 'optOuts'>;

const cache = createTemplateCache();

/**
 * Sends an answer to a customer's reply (replyConfirmed, replyHelp, replyWhich…) to the number that
 * replied, about the prompt's meeting, through the send core. The key derives from the reply's event
 * ID, so a redelivered event finds the send already recorded and nothing goes twice.
 */
export async function sendReplyMessage(deps: ReplySendDeps, settings: Settings, prompt: StoredPrompt, eventId: string, type: TemplateType, choices: readonly StoredPrompt[] = []): Promise<SendOutcome> {
  const about = { kind: 'meeting', id: prompt.meetingId } as const;
  const outcome = await sendOnce(deps, {
    about, key: `reply|${eventId}|${type}`, type, channel: prompt.channel, plannedFor: null, deferrable: true,
    recheck: async () => undefined,
    compose: async () => {
      if (await isOptedOut(deps, prompt.channel, prompt.customer)) return fail(PLAN_REASONS.optedOut);
      const stored = await deps.meetings.get(prompt.meetingId);
      if (!stored) return fail('meeting not found');
      const meetings = await Promise.all(choices.map(async (c) => (await deps.meetings.get(c.meetingId))?.record));
      const locale = resolveLocale(prompt.locale, settings.defaultLocale);
      const context = buildMergeContext({
        meeting: stored.record, locale, zone: stored.record.contact.timeZone, cancelLink: null, organisationName: deps.config.ORGANISATION_NAME,
        replyHint: replyHint(locale, settings.replies), ...(choices.length > 0 ? { choices: meetings.filter((m): m is Meeting & NonNullable<typeof m> => m !== undefined) } : {}),
      });
      const rendered = renderMessage(cache, prompt.channel, await deps.templates.get(type, prompt.channel, locale), context);
      if (!rendered.ok) return fail(`the ${type} ${prompt.channel} template (${locale}) cannot render`);
      return ok({ to: prompt.customer, content: rendered.value.content });
    },
  });
  // No planner comes back for a deferred answer: thrown instead, so the activity (or Event Grid's
  // redelivery of the webhook) runs again and the claim is retried with the same key.
  if (outcome.status === 'deferred') throw new Error(`send ${about.id} ${type}: deferred (${outcome.reason})`);
  return outcome;
}
