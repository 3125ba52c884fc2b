/* Browser code: an ES module of the admin page (see ./api.ts). */
import { adminApi, type ApiReply } from './api.js';
import { settingsForm } from './settings-form.js';
import { subscriptionsList } from './subscriptions.js';
import { templateEditor } from './template-editor.js';
import { pageUi } from './ui.js';

/**
 * Wires the page: sign-in (a pasted bearer token, kept in sessionStorage), then the settings form
 * the template editor and the webhook subscriptions. A 401 or 403 from any call signs out and says why.
 */
export function startAdminPage(win: Window): void {
  const doc = win.document;
  const ui = pageUi(doc);
  const signInView = ui.el('sign-in');
  const appView = ui.el('app');
  const signOutButton = ui.el('sign-out');
  const tokenBox = ui.el<HTMLTextAreaElement>('token');
  const api = adminApi(win.sessionStorage, doc.body.dataset.api ?? '/api');

  const show = (signedIn: boolean): void => {
    signInView.hidden = signedIn;
    appView.hidden = !signedIn;
    signOutButton.hidden = !signedIn;
  };
  const signOut = (message: string, isError: boolean): void => {
    api.signOut();
    show(false);
    ui.announce(message, isError);
    tokenBox.focus();
  };
  const rejected = (reply: ApiReply): void => {
    if (reply.status === 401 || reply.status === 403) signOut(`Signed out. ${ui.problemText(reply)}`, true);
  };
  const guarded = {
    ...api,
    call: async (...args: Parameters<typeof api.call>): Promise<ApiReply> => {
      const reply = await api.call(...args);
      rejected(reply);
      return reply;
    },
  };
  const settings = settingsForm(guarded, ui);
  const templates = templateEditor(guarded, ui, win);
  const subscriptions = subscriptionsList(guarded, ui, doc);

  const enter = async (): Promise<void> => {
    const reply = await settings.load();
    if (reply.status === 401 || reply.status === 403) return;
    if (reply.status !== 200) return ui.announce(`Could not read the settings. ${ui.problemText(reply)}`, true);
    show(true);
    tokenBox.value = '';
    ui.announce('Signed in.');
    ui.el('settings-title').focus();
    await templates.load();
    await subscriptions.load();
  };

  ui.el<HTMLFormElement>('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!tokenBox.value.trim()) return ui.announce('Paste an access token first.', true);
    api.signIn(tokenBox.value);
    void enter();
  });
  signOutButton.addEventListener('click', () => signOut('Signed out.', false));

  // On a local devhost, say how to get a token from its local issuer.
  if (['127.0.0.1', 'localhost', '[::1]'].includes(win.location.hostname)) {
    ui.el('dev-curl').textContent = `curl -X POST ${win.location.origin}/dev/token -d '{"roles":["Communications.Admin"]}'`;
    ui.el('dev-hint').hidden = false;
  }
  show(false);
  if (api.signedIn()) void enter();
}
