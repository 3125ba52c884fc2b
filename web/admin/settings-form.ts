/* Browser code: an ES module of the admin page (see ./api.ts). */
import type { AdminApi, ApiReply } from './api.js';
import type { PageUi } from './ui.js';

/** The settings form: GET /api/settings into the controls, PUT them back with If-Match. */
export interface SettingsForm {
  readonly load: () => Promise<ApiReply>;
}

type Doc = Record<string, unknown>;
type Control = HTMLInputElement | HTMLSelectElement;

/**
 * Every named control of #settings-form holds the settings field its name spells as a dotted path
 * (`reminder.daysBefore`). A save sends the document last read with the controls' values over it,
 * so a field this page does not show survives. On 412 nothing is overwritten: the admin reloads.
 */
export function settingsForm(api: AdminApi, ui: PageUi): SettingsForm {
  const form = ui.el<HTMLFormElement>('settings-form');
  const stale = ui.el('settings-stale');
  const save = ui.el<HTMLButtonElement>('settings-save');
  let loaded: Doc = {};
  let etag: string | null = null;

  const controls = (): Control[] =>
    [...form.elements].filter((c): c is Control => (c instanceof HTMLInputElement || c instanceof HTMLSelectElement) && c.name !== '');
  const isCheckbox = (c: Control): boolean => c.type === 'checkbox';
  const get = (doc: Doc, path: string): unknown => path.split('.').reduce<unknown>((o, key) => (typeof o === 'object' && o !== null ? (o as Doc)[key] : undefined), doc);
  const set = (doc: Doc, path: string, value: unknown): void => {
    const keys = path.split('.');
    const last = keys.pop() as string;
    let node = doc;
    for (const key of keys) {
      const next = node[key];
      node = (node[key] = typeof next === 'object' && next !== null ? next : {}) as Doc;
    }
    node[last] = value;
  };

  const fill = (doc: Doc): void => {
    loaded = doc;
    for (const c of controls()) {
      const value = get(doc, c.name);
      if (isCheckbox(c)) (c as HTMLInputElement).checked = value === true;
      else if (Array.isArray(value)) c.value = value.join(', ');
      else c.value = value === null || value === undefined ? '' : String(value);
    }
    const at = typeof doc.updatedAt === 'string' ? new Date(doc.updatedAt) : null;
    ui.el('settings-audit').textContent = at ? `Last saved ${at.toLocaleString()} by ${String(doc.updatedBy ?? 'unknown')}.` : 'Never saved: these are the defaults.';
  };

  const read = (): Doc => {
    const { updatedAt: _at, updatedBy: _by, ...doc } = structuredClone(loaded);
    for (const c of controls()) {
      const text = c.value.trim();
      // An empty number is sent as null and an empty optional text as null: the API names the field if that is wrong.
      const value = isCheckbox(c) ? (c as HTMLInputElement).checked
        : c.type === 'number' ? (text === '' ? null : Number(text))
        : c.dataset.list === 'words' ? text.split(/[\s,]+/).filter((word) => word !== '')
        : text === '' && c.dataset.empty === 'null' ? null : text;
      set(doc, c.name, value);
    }
    return doc;
  };

  const load = async (): Promise<ApiReply> => {
    const reply = await api.call('GET', 'settings');
    if (reply.status === 200) {
      etag = reply.etag;
      fill(reply.body as Doc);
      stale.hidden = true;
      ui.clearErrors(form);
    }
    return reply;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save.disabled = true;
    void api
      .call('PUT', 'settings', { body: read(), ifMatch: etag })
      .then((reply) => {
        if (reply.status === 200) {
          etag = reply.etag;
          fill(reply.body as Doc);
          ui.clearErrors(form);
          ui.announce('Settings saved.');
        } else if (reply.status === 412 || reply.status === 428) {
          stale.hidden = false;
          ui.announce('Not saved: the settings were changed by someone else. Reload them, then make your change again.', true);
          ui.el('settings-reload').focus();
        } else if (reply.status === 400) ui.showErrors(form, reply);
        else ui.announce(`Not saved. ${ui.problemText(reply)}`, true);
      })
      .finally(() => {
        save.disabled = false;
      });
  });

  ui.el('settings-reload').addEventListener('click', () => {
    void load().then((reply) => {
      if (reply.status !== 200) return ui.announce(`Could not reload. ${ui.problemText(reply)}`, true);
      ui.announce('Settings reloaded: these are the current values.');
      (controls()[0] as Control | undefined)?.focus();
    });
  });

  return { load };
}
