import { buildCancelLink, buildMergeContext, createTemplateCache, hashLinkToken, newLinkToken, renderEmail, renderSms, type Channel, type CommunicationType, type MeetingRecord, type Settings } from '../domain';
import type { AppDeps } from '../app/deps';

const cache = createTemplateCache();

export type Rendered =
  | { readonly channel: 'email'; readonly subject: string; readonly text: string; readonly html: string }
  | { readonly channel: 'sms'; readonly text: string };

/**
 * Renders one message for the meeting's contact in their locale and zone. Confirmations and
 * reminders carry a fresh cancel link whose token is stored only as a hash, bound to the meeting,
 * contact and version, and expiring at the start.
 */
export async function renderCommunication(deps: AppDeps, meeting: MeetingRecord, settings: Settings, type: CommunicationType, channel: Channel): Promise<Rendered> {
  let cancelLink: string | null = null;
  if (type !== 'cancellation') {
    const token = newLinkToken(deps.randomBytes(16));
    const link = buildCancelLink({ publicBaseUrl: deps.config.PUBLIC_BASE_URL, token, meetingId: meeting.meetingId, cancelUrlTemplate: settings.portal.cancelUrlTemplate });
    if (!link.ok) throw new Error(`cannot build the cancel link for meeting ${meeting.meetingId}: ${link.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
    await deps.linkTokens.put({ hash: hashLinkToken(token), meetingId: meeting.meetingId, contactId: meeting.contact.contactId, version: meeting.version, expiresAt: meeting.start });
    cancelLink = link.value;
  }
  const locale = meeting.contact.locale;
  const context = buildMergeContext({ meeting, locale, zone: meeting.contact.timeZone, cancelLink, organisationName: deps.config.ORGANISATION_NAME });
  if (channel === 'email') {
    const compiled = cache.email(await deps.templates.get(type, 'email', locale));
    if (!compiled.ok) throw new Error(`the ${type} email template (${locale}) does not compile: ${compiled.errors[0]?.message}`);
    const out = renderEmail(compiled.value, context);
    if (!out.ok) throw new Error(`the ${type} email template (${locale}) failed to render: ${out.errors[0]?.message}`);
    return { channel, ...out.value };
  }
  const compiled = cache.sms(await deps.templates.get(type, 'sms', locale));
  if (!compiled.ok) throw new Error(`the ${type} SMS template (${locale}) does not compile: ${compiled.errors[0]?.message}`);
  const out = renderSms(compiled.value, context);
  if (!out.ok) throw new Error(`the ${type} SMS template (${locale}) failed to render: ${out.errors[0]?.message}`);
  return { channel, text: out.value.text };
}
