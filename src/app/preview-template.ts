import { activeMenu, askText, buildMergeContext, carriesCancelLink, fail, linkPageUrl, ok, replyHintFor, sampleChoices, SAMPLE_MEETINGS, voiceFor, type Channel, type Meeting, type Result, type Settings } from '../domain';
import type { ChannelPreview, Rendered } from '../channels/channel-module';
import type { MessageContent } from '../channels/registry';
import { createTemplateCache, renderMessage } from '../channels/templates';
import type { ChannelTemplate } from '../ports/template-store';
import type { AppDeps } from './deps';
import { issueErrors, type TemplateFieldError, type TemplateRef } from './template-input';

/** The token shown in previews' cancel links: no link token is made or stored for a preview. */
export const PREVIEW_TOKEN = 'PREVIEW-TOKEN-EXAMPLE';

/** A rendered preview: email `subject`, `text`, `html` (and `sms: null`); SMS `text` and its encoding. */
export type Preview = ChannelPreview;

export interface PreviewRequest<C extends Channel = Channel> {
  readonly ref: TemplateRef<C>;
  /** A normalised meeting, or undefined for the locale's sample meeting. */
  readonly meeting: Meeting | undefined;
  /** Unsaved sources (already checked), or undefined for the template in force. */
  readonly template: ChannelTemplate<C> | undefined;
}

/**
 * Either the rendered message (its `preview`, and the `content` a test send hands to the provider),
 * or why it cannot render: `template.<part>` for a draft, `<part>` for the template in force.
 */
export type PreviewOutcome = Result<Rendered<MessageContent>, TemplateFieldError>;

const cache = createTemplateCache(64);

/**
 * The cancel link a preview shows: the portal's URL template when one is set, else this app's link
 * page, both with {@link PREVIEW_TOKEN}; a cancellation notice has none.
 */
export function previewCancelLink(publicBaseUrl: string, cancelUrlTemplate: string | null, meetingId: string): string {
  if (cancelUrlTemplate !== null) {
    return cancelUrlTemplate.replace(/\{meetingId\}/g, encodeURIComponent(meetingId)).replace(/\{token\}/g, PREVIEW_TOKEN);
  }
  return linkPageUrl(publicBaseUrl, PREVIEW_TOKEN);
}

/**
 * Renders a template exactly as a message would be (the recipient's locale is the template's, the
 * zone the meeting contact's), with the given meeting or the locale's sample, and the given unsaved
 * sources or the template in force. Reads settings and templates only: it stores nothing.
 */
export async function previewTemplate(deps: Pick<AppDeps, 'settings' | 'templates' | 'config'>, request: PreviewRequest): Promise<PreviewOutcome> {
  const { ref } = request;
  const meeting = request.meeting ?? SAMPLE_MEETINGS[ref.locale];
  const [{ settings }, inForce] = await Promise.all([deps.settings.get(), request.template ? undefined : deps.templates.get(ref.type, ref.channel, ref.locale)]);
  const cancelLink = !carriesCancelLink(ref.type) ? null : previewCancelLink(deps.config.PUBLIC_BASE_URL, settings.portal.cancelUrlTemplate, meeting.meetingId);
  // The hint as customers would get it now (settings in force); a replyWhich lists this meeting and a sample second one.
  const replyHint = replyHintFor(ref.type, ref.channel, ref.locale, settings.replies);
  const choices = ref.type === 'replyWhich' ? sampleChoices(ref.locale, meeting) : [];
  const context = buildMergeContext({
    meeting, locale: ref.locale, zone: meeting.contact.timeZone, cancelLink, organisationName: deps.config.ORGANISATION_NAME, replyHint, choices,
  });
  const source = request.template ?? inForce;
  const rendered = renderMessage(cache, ref.channel, source, context);
  if (rendered.ok) return ok(ref.channel === 'voice' ? withCall(rendered.value, settings, ref) : rendered.value);
  return fail(...rendered.errors.flatMap((failure) => issueErrors(failure.issues, request.template ? 'template' : '')));
}

/**
 * A voice preview also shows what the call speaks with the settings in force: the voice, the menu
 * (a cancellation notice offers no confirm or cancel), and the message followed by the menu.
 */
function withCall(rendered: Rendered<MessageContent>, settings: Settings, ref: TemplateRef): Rendered<MessageContent> {
  const menu = activeMenu(settings.voice).filter(([, action]) => ref.type !== 'cancellation' || (action !== 'confirm' && action !== 'cancel'));
  const call = { voice: voiceFor(settings.voice, ref.locale), menu: menu.map(([key, action]) => ({ key, action })), spoken: askText(rendered.preview.text, menu, ref.locale, false) };
  return { ...rendered, preview: { ...rendered.preview, call } };
}
