import {
  buildCancelLink, buildMergeContext, replyHintFor, fail, hashLinkToken, newLinkToken, sendLinkToken, ok, parseSendKey, planCommunications, PLAN_REASONS,
  quietHoursHoldReason, quietHoursRelease, withTeamsLink,
  type CommunicationType, type MeetingRecord, type Settings,
} from '../../domain';
import { channelModule, type Channel } from '../../channels/registry';
import { createTemplateCache, renderMessage } from '../../channels/templates';
import type { About } from '../../ports/dispatch';
import type { AppDeps } from '../deps';
import { isOptedOut, optedOutChannels } from '../opt-outs';
import { openPromptAfterSend, type OpenPromptDeps } from '../replies/open-prompt';
import { startCallAfterSend } from '../calls/call-callbacks';
import type { NothingToSend, PendingSend } from './pending-send';

export type MeetingSendDeps = Pick<AppDeps, 'meetings' | 'settings' | 'ledger' | 'linkTokens' | 'templates' | 'clock' | 'randomBytes' | 'config' | 'optOuts'> & OpenPromptDeps;

const cache = createTemplateCache();

/**
 * The meeting planner as a producer of sends: what the send key `meetingId|version|type|channel`
 * asks for, judged against the stored meeting, the settings in force and the ledger. Settings are
 * read here, at send time: a channel switched off after planning sends nothing, and so does an
 * address that opted out (checked again in compose, right before the provider is called).
 */
export async function meetingSend(deps: MeetingSendDeps, meetingId: string, key: string): Promise<PendingSend | NothingToSend> {
  const parts = parseSendKey(key);
  if (!parts || parts.meetingId !== meetingId) return { skip: 'invalid send key' };
  const { type, channel } = parts;
  const stored = await deps.meetings.get(meetingId);
  if (!stored) return { skip: 'meeting not found' };
  const [{ settings }, ledger] = await Promise.all([deps.settings.get(), deps.ledger.list({ kind: 'meeting', id: meetingId })]);
  const entry = ledger.find((e) => e.sendKey === key) ?? null;
  const about: About = { kind: 'meeting', id: meetingId };
  let notDue: string | undefined;
  let plannedFor: string | null = null;
  if (entry === null) {
    const optedOut = await optedOutChannels(deps, stored.record.contact);
    const plan = planCommunications({ meeting: stored.record, settings, ledger: ledger.map((e) => e.sendKey), now: deps.clock.now(), optedOut, teamsLinkWaitMs: deps.config.TEAMS_LINK_WAIT });
    const planned = plan.find((p) => p.sendKey === key);
    if (!planned || planned.status !== 'due') notDue = planned?.reason ?? 'no longer due';
    plannedFor = planned?.dueAt ?? null;
  }
  return {
    about, key, type, channel, plannedFor, entry, notDue, contactId: stored.record.contact.contactId,
    recheck: () => stillWanted(deps, meetingId, type, parts.version),
    holdUntil: () => quietHold(stored.record, settings, type, deps.clock.now()),
    compose: () => compose(deps, withTeamsLink(stored.record), settings, type, channel, key),
    afterSend: (outcome, workflow) => (channelModule(channel).interaction === 'conversation' ? startCallAfterSend(workflow, key, outcome) : openPromptAfterSend(deps, workflow, meetingId, key, outcome, { settings, stored })),
  };
}

/**
 * After a claim (and before a deferred retry): a cancellation, a new version or the start saved
 * meanwhile wins. (Cancelling saves first and then waits for claimed sends, so no reminder goes out
 * after a cancel was acknowledged.) A message of an older version would carry the new version's
 * details under the old plan: the new version has its own. A cancellation notice is wanted whatever
 * the status.
 */
async function stillWanted(deps: MeetingSendDeps, meetingId: string, type: CommunicationType, version: number): Promise<string | undefined> {
  if (type === 'cancellation') return undefined;
  const fresh = await deps.meetings.get(meetingId);
  if (fresh?.record.status !== 'scheduled') return `the meeting is ${fresh?.record.status ?? 'gone'}`;
  if (fresh.record.version !== version) return `superseded by version ${fresh.record.version}`;
  if (deps.clock.now().getTime() >= Date.parse(fresh.record.start)) return 'the meeting has started';
  return undefined;
}

/**
 * A deferred confirmation or reminder whose retry comes due inside the contact's quiet hours waits
 * for their end (the planner holds first sends the same way). One whose quiet hours end at or after
 * the start waits too: then the start check records why it did not go out, and nobody is woken.
 */
function quietHold(meeting: MeetingRecord, settings: Settings, type: CommunicationType, now: Date): { until: string; reason: string } | undefined {
  const quiet = settings.quietHours;
  if (type === 'cancellation' || !quiet.enabled) return undefined;
  const zone = meeting.contact.timeZone;
  const release = quietHoursRelease(zone, quiet, now.getTime());
  if (release <= now.getTime()) return undefined;
  return { until: new Date(release).toISOString(), reason: quietHoursHoldReason(quiet.start, quiet.end, zone) };
}

/**
 * Renders one message for the meeting's contact in their locale and zone. Confirmations and
 * reminders carry a fresh cancel link whose token is stored only as a hash, bound to the meeting,
 * contact and version, and expiring at the start. A template that cannot render is a permanent
 * failure of this message (an admin must fix the template), reported with the reason.
 */
async function compose(deps: MeetingSendDeps, meeting: MeetingRecord, settings: Settings, type: CommunicationType, channel: Channel, key: string) {
  const module = channelModule(channel);
  const to = module.address(meeting.contact);
  if (to === null) return fail(module.noAddressReason);
  // A STOP may land between planning and this send (or while a deferred send waits): checked last,
  // on every path, resumed sends included, so no SMS ever reaches an opted-out number.
  if (await isOptedOut(deps, channel, to)) return fail(PLAN_REASONS.optedOut);
  let cancelLink: string | null = null;
  if (type !== 'cancellation') {
    // With LINK_TOKEN_SECRET the token is the send's own (see sendLinkToken), so a resumed send repeats the
    // message byte for byte; without it (a local run left unset) a fresh random token each attempt.
    const secret = deps.config.LINK_TOKEN_SECRET;
    const token = secret !== undefined ? sendLinkToken(secret, key) : newLinkToken(deps.randomBytes(16));
    const link = buildCancelLink({ publicBaseUrl: deps.config.PUBLIC_BASE_URL, token, meetingId: meeting.meetingId, cancelUrlTemplate: settings.portal.cancelUrlTemplate });
    if (!link.ok) return fail(`cannot build the cancel link: ${link.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
    await deps.linkTokens.put({ hash: hashLinkToken(token), meetingId: meeting.meetingId, contactId: meeting.contact.contactId, version: meeting.version, expiresAt: meeting.start });
    cancelLink = link.value;
  }
  const locale = meeting.contact.locale;
  const replyHint = replyHintFor(type, channel, locale, settings.replies);
  const context = buildMergeContext({ meeting, locale, zone: meeting.contact.timeZone, cancelLink, organisationName: deps.config.ORGANISATION_NAME, replyHint });
  const rendered = renderMessage(cache, channel, await deps.templates.get(type, channel, locale), context);
  if (!rendered.ok) {
    const failure = rendered.errors[0];
    const what = failure?.stage === 'compile' ? 'does not compile' : 'failed to render';
    return fail(`the ${type} ${module.label} template (${locale}) ${what}: ${failure?.issues[0]?.message ?? 'unknown problem'}`);
  }
  return ok({ to, content: rendered.value.content });
}
