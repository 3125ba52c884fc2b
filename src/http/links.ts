import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { buildMergeContext, resolveLocale, type MeetingRecord, type SupportedLocale } from '../domain';
import { cancelMeeting } from '../app/cancel-meeting';
import type { AppDeps } from '../app/deps';
import { resolveLink } from '../app/resolve-link';
import { guardAll, type HandlerEnv } from './handler-env';
import { PAGE_TEXTS, type PageTexts } from './pages/page-texts';
import { html, page } from './pages/render-page';
import { clientAddress, lazily, linkLookupLimits, parsePerMinute, type ScopedLimits, type TakeResult } from './rate-limit';


function lookup(limits: ScopedLimits, client: string, token: string): TakeResult {
  const byClient = limits.client.check(client);
  if (!byClient.ok) return byClient;
  const byToken = limits.target.take(token);
  if (!byToken.ok) return byToken;
  return limits.client.take(client);
}

/** The visitor's language from Accept-Language, for pages that know no meeting. */
function visitorLocale(req: HttpRequest, deps: AppDeps): SupportedLocale {
  const first = (req.headers.get('accept-language') ?? '').split(',')[0]?.split(';')[0]?.trim() ?? '';
  return resolveLocale(first || deps.config.DEFAULT_PAGE_LOCALE, deps.config.DEFAULT_PAGE_LOCALE);
}

function message(status: number, t: PageTexts, title: string, body: string, head: boolean, extra: Record<string, string> = {}): HttpResponseInit {
  const response = page(status, t.lang, title, html`<h1>${title}</h1><p>${body}</p>`, head);
  return { ...response, headers: { ...(response.headers as Record<string, string>), ...extra } };
}

const invalid = (t: PageTexts, head: boolean): HttpResponseInit => message(404, t, t.invalidTitle, t.invalidBody, head);

function details(deps: AppDeps, meeting: MeetingRecord, t: PageTexts): ReturnType<typeof html> {
  const c = buildMergeContext({ meeting, locale: meeting.contact.locale, zone: meeting.contact.timeZone, cancelLink: null, organisationName: deps.config.ORGANISATION_NAME });
  const place = c.isOnline ? t.online : [c.locationName, c.locationAddress].filter((x): x is string => Boolean(x)).join(', ');
  return html`<p><strong>${c.subject}</strong></p><dl><dt>${t.when}</dt><dd>${c.startDate}, ${c.startTime}–${c.endTime} (${c.timeZoneName})</dd>${place ? html`<dt>${t.where}</dt><dd>${place}</dd>` : html``}</dl>`;
}

/** The customer deep-link pages (API.md "Deep-link pages"), built over the handler environment. */
export function linkHandlers(env: HandlerEnv) {
  const limits = lazily(() => linkLookupLimits(parsePerMinute(env.deps().config.LINK_RATE_LIMIT)));
  /** One lookup for this client address and this token; neither can use up anybody else's allowance. */
  const take = (req: HttpRequest): TakeResult => lookup(limits(), clientAddress(req.headers, env.deps().config.TRUSTED_PROXY_HOPS), req.params.token ?? '');
  return guardAll({
    /**
     * GET/HEAD /api/links/{token}: shows the meeting and a Cancel button (a form that POSTs). It never
     * changes anything: mail scanners fetch every link in a message.
     */
    async show(req: HttpRequest): Promise<HttpResponseInit> {
      const deps = env.deps();
      const head = req.method === 'HEAD';
      const limited = take(req);
      if (!limited.ok) { const t = PAGE_TEXTS[visitorLocale(req, deps)]; return message(429, t, t.tooManyTitle, t.tooManyBody, head, { 'retry-after': String(limited.retryAfterSeconds) }); }
      const link = await resolveLink(deps, req.params.token ?? '');
      if (!link.ok) return invalid(PAGE_TEXTS[visitorLocale(req, deps)], head);
      const t = PAGE_TEXTS[link.meeting.contact.locale];
      const action = `${encodeURIComponent(req.params.token ?? '')}/cancel`;
      return page(200, t.lang, t.confirmTitle, html`<h1>${t.confirmTitle}</h1><p>${t.confirmIntro}</p>${details(deps, link.meeting, t)}<form method="post" action="${action}"><button type="submit">${t.cancelButton}</button></form><p class="hint">${t.cancelHint}</p>`, head);
    },

    /** POST /api/links/{token}/cancel: cancels like CancelMeeting (a notice follows if enabled). */
    async cancel(req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
      const deps = env.deps();
      const limited = take(req);
      if (!limited.ok) { const t = PAGE_TEXTS[visitorLocale(req, deps)]; return message(429, t, t.tooManyTitle, t.tooManyBody, false, { 'retry-after': String(limited.retryAfterSeconds) }); }
      const link = await resolveLink(deps, req.params.token ?? '');
      if (!link.ok) return invalid(PAGE_TEXTS[visitorLocale(req, deps)], false);
      const t = PAGE_TEXTS[link.meeting.contact.locale];
      const outcome = await cancelMeeting(deps, env.workflow(context), link.meeting.meetingId, { source: 'link' });
      if (outcome.kind === 'started') return message(422, t, t.startedTitle, t.startedBody, false);
      if (outcome.kind !== 'cancelled') return invalid(t, false);
      return page(200, t.lang, t.cancelledTitle, html`<h1>${t.cancelledTitle}</h1>${details(deps, link.meeting, t)}<p>${t.cancelledBody}</p>`);
    },
  });
}
