/* Browser code: an ES module of the admin page (see ./api.ts). */
import type { ApiReply } from './api.js';

/** A field error from a problem body (`errors[]`); template errors also carry a position. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
  readonly line?: number;
  readonly col?: number;
  readonly column?: number;
}

/** DOM helpers shared by the page's parts. */
export interface PageUi {
  readonly el: <T extends HTMLElement = HTMLElement>(id: string) => T;
  /** Writes to the aria-live status region. */
  readonly announce: (message: string, isError?: boolean) => void;
  /** A problem reply as one sentence. */
  readonly problemText: (reply: ApiReply) => string;
  /**
   * Shows each error next to the form control its path names (or in the form's summary list), then
   * announces the count and focuses the first field; `quiet` (a live preview while typing) does neither.
   */
  readonly showErrors: (form: HTMLFormElement, reply: ApiReply, quiet?: boolean) => number;
  readonly clearErrors: (form: HTMLFormElement) => void;
}

export function pageUi(doc: Document): PageUi {
  const el = <T extends HTMLElement = HTMLElement>(id: string): T => {
    const found = doc.getElementById(id);
    if (!found) throw new Error(`The page has no #${id}.`);
    return found as T;
  };
  const announce = (message: string, isError = false): void => {
    const region = el('status');
    region.textContent = message;
    region.classList.toggle('error', isError);
  };
  const problemText = (reply: ApiReply): string => {
    const body = (typeof reply.body === 'object' && reply.body !== null ? reply.body : {}) as { title?: unknown; detail?: unknown };
    const detail = typeof body.detail === 'string' ? body.detail : typeof body.title === 'string' ? body.title : '';
    return `${reply.status ? `Error ${reply.status}` : 'Network error'}${detail ? `: ${detail}` : '.'}`;
  };
  const describe = (e: FieldError): string => {
    const col = e.col ?? e.column;
    return `${e.message}${e.line !== undefined ? ` (line ${e.line}${col !== undefined ? `, column ${col}` : ''})` : ''}`;
  };
  const control = (form: HTMLFormElement, path: string): HTMLElement | null => {
    const named = (name: string): HTMLElement | null => {
      const found = form.elements.namedItem(name);
      return found instanceof HTMLElement && !found.closest('[hidden]') ? found : null;
    };
    // A list item's error (`replies.keywords.cancel[0]`) belongs to the control holding the list.
    const list = path.replace(/\[\d+\]$/, '');
    return named(path) ?? named(list) ?? named(path.split('.').pop() ?? '');
  };
  // Error notes are described by ids `${form.id}-error-N`, added to a control's own aria-describedby (its hint).
  const clearErrors = (form: HTMLFormElement): void => {
    form.querySelectorAll('.field-error').forEach((p) => p.remove());
    form.querySelectorAll('[aria-invalid]').forEach((c) => {
      c.removeAttribute('aria-invalid');
      const kept = (c.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && !id.startsWith(`${form.id}-error-`));
      if (kept.length > 0) c.setAttribute('aria-describedby', kept.join(' '));
      else c.removeAttribute('aria-describedby');
    });
    const summary = form.querySelector<HTMLElement>('.form-errors');
    if (summary) summary.replaceChildren();
  };
  const showErrors = (form: HTMLFormElement, reply: ApiReply, quiet = false): number => {
    clearErrors(form);
    const body = reply.body as { errors?: unknown } | null;
    const errors = Array.isArray(body?.errors) ? (body.errors as FieldError[]) : [];
    const summary = form.querySelector<HTMLElement>('.form-errors');
    let first: HTMLElement | null = null;
    for (const [i, error] of errors.entries()) {
      const target = control(form, String(error.path ?? ''));
      if (target) {
        const note = doc.createElement('p');
        note.className = 'field-error';
        note.id = `${form.id}-error-${i}`;
        note.textContent = describe(error);
        (target.closest('.field, .check') ?? target).after(note);
        target.setAttribute('aria-invalid', 'true');
        target.setAttribute('aria-describedby', `${target.getAttribute('aria-describedby') ?? ''} ${note.id}`.trim());
        first ??= target;
      } else if (summary) {
        const item = doc.createElement('li');
        item.textContent = `${error.path ? `${error.path}: ` : ''}${describe(error)}`;
        summary.append(item);
      }
    }
    if (quiet) return errors.length;
    announce(errors.length ? `Not saved: ${errors.length} problem${errors.length === 1 ? '' : 's'} to fix.` : problemText(reply), true);
    first?.focus();
    return errors.length;
  };
  return { el, announce, problemText, showErrors, clearErrors };
}
