import { buildMeetinglessContext, fail, helpAnsweredRecently, helpSubjectId, ok, PLAN_REASONS, resolveLocale, type Settings } from '../../domain';
import { createTemplateCache, renderMeetingless } from '../../channels/templates';
import type { ReplyEvent } from '../../ports/inbound';
import type { AppDeps } from '../deps';
import { sendOnce, type SendOnceDeps } from '../dispatch/send-once';
import type { SendOutcome } from '../dispatch/send-outcome';
import { isOptedOut } from '../opt-outs';

export type HelpAnswerDeps = SendOnceDeps & Pick<AppDeps, 'prompts' | 'templates' | 'defaultTemplates' | 'config' | 'optOuts'>;

const cache = createTemplateCache(16);

/**
 * HELP from a number with no open prompt (API.md: HELP → `replyHelp`): the template, about no
 * meeting, in the language of the number's most recent prompt (else the default locale), through the
 * send core as a `help` subject keyed by the number's hash. The key derives from the event ID, so a
 * redelivered HELP sends nothing twice; an opted-out number gets nothing (recorded `failed`, "opted
 * out"); and a number answered within the hour is not answered again (two auto-responders cannot
 * ping-pong), judged after the claim so two HELPs at once send one answer.
 */
export async function answerHelp(deps: HelpAnswerDeps, settings: Settings, event: ReplyEvent): Promise<SendOutcome> {
  const about = { kind: 'help', id: helpSubjectId(event.from) } as const;
  const key = `reply|${event.eventId}|replyHelp`;
  const outcome = await sendOnce(deps, {
    about, key, type: 'replyHelp', channel: 'sms', plannedFor: null, deferrable: true,
    recheck: async () => {
      const entries = await deps.ledger.list(about);
      const mine = entries.find((e) => e.sendKey === key);
      return mine && helpAnsweredRecently(entries, mine) ? 'help answered within the hour' : undefined;
    },
    compose: async () => {
      if (await isOptedOut(deps, 'sms', event.from)) return fail(PLAN_REASONS.optedOut);
      const locale = resolveLocale((await deps.prompts.newestFor(event.from))?.locale ?? settings.defaultLocale, settings.defaultLocale);
      // No question is open, so there is nothing to tell the customer to reply: no replyHint.
      const context = buildMeetinglessContext({ organisationName: deps.config.ORGANISATION_NAME });
      let rendered = renderMeetingless(cache, 'sms', await deps.templates.get('replyHelp', 'sms', locale), context);
      // An admin's replyHelp may name the meeting (it is also the answer within a prompt): the shipped one then.
      if (!rendered.ok) rendered = renderMeetingless(cache, 'sms', await deps.defaultTemplates.get('replyHelp', 'sms', locale), context);
      if (!rendered.ok) return fail(`the replyHelp SMS template (${locale}) cannot render without a meeting`);
      return ok({ to: event.from, content: rendered.value.content });
    },
  });
  // Thrown, so Event Grid delivers the HELP again and the claim is retried with the same key.
  if (outcome.status === 'deferred') throw new Error(`send ${key}: deferred (${outcome.reason})`);
  return outcome;
}
