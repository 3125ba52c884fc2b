/* Browser code: an ES module of the admin page (see ./api.ts). */
import type { AdminApi, ApiReply } from './api.js';
import type { PageUi } from './ui.js';

/** The template editor: GET/PUT/DELETE /api/templates/{type}/{channel}/{locale}, live preview. */
export interface TemplateEditor {
  readonly load: () => Promise<void>;
}

interface TemplateBody { subject?: string; html?: string; text?: string; source?: string }
interface PreviewBody { subject?: string | null; html?: string | null; text?: string | null; sms?: { encoding: string; segments: number; characters: number } | null }

/**
 * Editing a field previews the unsaved template (POST /api/templates/preview, debounced; an older
 * reply that arrives late is dropped). Email HTML is shown in a sandbox="" iframe: no script, an
 * opaque origin, and the page's CSP, which srcdoc inherits (no remote images, no navigation).
 */
export function templateEditor(api: AdminApi, ui: PageUi, win: Window): TemplateEditor {
  const form = ui.el<HTMLFormElement>('template-form');
  const field = (name: string): HTMLInputElement => form.elements.namedItem(name) as HTMLInputElement;
  const isEmail = (): boolean => field('channel').value === 'email';
  const which = (): { type: string; channel: string; locale: string } => ({ type: field('type').value, channel: field('channel').value, locale: field('locale').value });
  const path = (): string => ['templates', which().type, which().channel, which().locale].map(encodeURIComponent).join('/');
  // A WhatsApp template is a mapping (approved name, language, body, buttons; or a free text), edited as JSON.
  const isWhatsApp = (): boolean => field('channel').value === 'whatsapp';
  const mapping = (): unknown => {
    try {
      return JSON.parse(field('text').value) as unknown;
    } catch {
      // Sent as it is: the service refuses it naming the field, like any invalid template.
      return { json: field('text').value };
    }
  };
  const template = (): unknown => (isEmail() ? { subject: field('subject').value, html: field('html').value, text: field('text').value } : isWhatsApp() ? mapping() : { text: field('text').value });
  let sequence = 0;
  let loading = 0;
  let timer: number | undefined;

  const layout = (): void => {
    const email = isEmail();
    ui.el('email-parts').hidden = !email;
    ui.el('preview-email').hidden = !email;
    ui.el('sms-counter').hidden = email || isWhatsApp();
    ui.el('t-text-label').textContent = email ? 'Plain-text body' : isWhatsApp() ? 'WhatsApp mapping (JSON: name, language, body, buttons; or text)' : 'SMS text';
    ui.el('preview-text-label').textContent = email ? 'Plain-text part' : isWhatsApp() ? 'WhatsApp' : 'SMS';
  };

  const fill = (body: TemplateBody): void => {
    for (const name of ['subject', 'html', 'text'] as const) field(name).value = body[name] ?? '';
    if (isWhatsApp()) {
      const { source: _source, version: _version, updatedAt: _at, updatedBy: _by, ...shown } = body as TemplateBody & Record<string, unknown>;
      field('text').value = JSON.stringify(shown, null, 2);
    }
    ui.el('template-source').textContent = body.source === 'custom' ? 'Customised template (saved).' : 'The shipped default.';
  };

  const render = (body: PreviewBody): void => {
    ui.el('preview-subject').textContent = body.subject ?? '';
    ui.el<HTMLIFrameElement>('preview-html').srcdoc = isEmail() ? (body.html ?? '') : '';
    ui.el('preview-text').textContent = body.text ?? '';
    const sms = body.sms;
    ui.el('sms-counter').textContent = sms ? `${sms.encoding} · ${sms.segments} segment${sms.segments === 1 ? '' : 's'} · ${sms.characters} characters` : '';
  };

  const preview = async (): Promise<void> => {
    const mine = ++sequence;
    const reply = await api.call('POST', 'templates/preview', { body: { ...which(), template: template() } });
    if (mine !== sequence) return; // a later edit's preview is on its way
    const problem = ui.el('preview-problem');
    problem.textContent = '';
    if (reply.status === 200) {
      ui.clearErrors(form);
      render(reply.body as PreviewBody);
    } else if (reply.status === 400 && ui.showErrors(form, reply, true) > 0) problem.textContent = 'Preview not updated: fix the template errors shown above.';
    else problem.textContent = `Preview not available. ${ui.problemText(reply)}`;
  };

  const load = async (): Promise<void> => {
    const mine = ++loading;
    layout();
    ui.clearErrors(form);
    const reply = await api.call('GET', path());
    if (mine !== loading) return; // the admin has picked another template meanwhile
    if (reply.status !== 200) return ui.announce(`Could not load the template. ${ui.problemText(reply)}`, true);
    fill(reply.body as TemplateBody);
    await preview();
  };

  const saved = (reply: ApiReply, message: string): void => {
    if (reply.status === 200 || reply.status === 204) {
      ui.clearErrors(form);
      ui.announce(message);
      const body = reply.body as TemplateBody | null;
      if (typeof body?.text !== 'string') return void load();
      fill(body);
      void preview();
    } else if (reply.status === 400) ui.showErrors(form, reply);
    else ui.announce(`Not saved. ${ui.problemText(reply)}`, true);
  };

  /** Only the channels the chosen type exists on can be picked (a reply type: SMS), so no pick is a 404. */
  const offerChannels = (): void => {
    const type = form.querySelector<HTMLSelectElement>('select[name="type"]');
    const allowed = (type?.selectedOptions[0]?.dataset.channels ?? '').split(' ');
    const channel = form.querySelector<HTMLSelectElement>('select[name="channel"]');
    if (!channel || allowed[0] === '') return;
    for (const option of channel.options) option.disabled = !allowed.includes(option.value);
    if (!allowed.includes(channel.value)) channel.value = allowed[0] ?? channel.value;
  };

  form.addEventListener('change', (event) => {
    if (!(event.target instanceof HTMLSelectElement)) return;
    if (event.target.name === 'type') offerChannels();
    void load();
  });
  form.addEventListener('input', (event) => {
    if (event.target instanceof HTMLSelectElement) return;
    win.clearTimeout(timer);
    timer = win.setTimeout(() => void preview(), 400);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void api.call('PUT', path(), { body: template() }).then((reply) => saved(reply, 'Template saved.'));
  });
  ui.el('template-reset').addEventListener('click', () => {
    if (!win.confirm('Reset this template to the shipped default? The customised version stops being used.')) return;
    void api.call('DELETE', path()).then((reply) => saved(reply, 'Template reset to the shipped default.'));
  });

  return { load };
}
